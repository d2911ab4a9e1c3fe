package dev.todo.operator.model.spec;

/** Service types a TodoApp's frontend may use. */
public enum ServiceType {
  ClusterIP,
  NodePort,
  LoadBalancer
}
