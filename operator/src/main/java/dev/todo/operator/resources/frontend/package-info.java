/**
 * What the operator creates for the frontend (the Next.js UI): its Deployment, Service,
 * HorizontalPodAutoscaler, PodDisruptionBudget and NetworkPolicy.
 */
package dev.todo.operator.resources.frontend;
