/**
 * The TodoApp custom resource (group todo.dev, version v1alpha1): the Java model the CRD in
 * {@code crds/} is generated from. Spec sections live in {@code spec}, observed state in
 * {@code status}; field descriptions are what {@code kubectl explain todoapp} prints.
 */
package dev.todo.operator.model;
