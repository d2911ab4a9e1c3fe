package dev.todo.operator.model.spec;

/** Kubernetes image pull policies. */
public enum PullPolicy {
  Always,
  IfNotPresent,
  Never
}
