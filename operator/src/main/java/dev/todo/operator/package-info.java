/** The todo-operator: a Kubernetes operator for the TodoApp custom resource. */
package dev.todo.operator;
