/**
 * What the operator creates for the backend (the Todo API): its Deployment, Service,
 * HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy and, for the embedded database,
 * its data volume. Each class holds a pure {@code build} function and the dependent around it.
 */
package dev.todo.operator.resources.backend;
