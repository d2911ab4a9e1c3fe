package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activation condition of the PDB dependents: the cluster serves policy/v1. */
public class PdbApiServed implements Condition<PodDisruptionBudget, TodoApp> {
  @Override
  public boolean isMet(DependentResource<PodDisruptionBudget, TodoApp> dependent, TodoApp primary,
      Context<TodoApp> context) {
    return ServedApis.isServed(context.getClient(), ServedApis.PDB);
  }
}
