package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activation condition of the HPA dependents: the cluster serves autoscaling/v2. */
public class HpaApiServed implements Condition<HorizontalPodAutoscaler, TodoApp> {
  @Override
  public boolean isMet(DependentResource<HorizontalPodAutoscaler, TodoApp> dependent, TodoApp primary,
      Context<TodoApp> context) {
    return ServedApis.isServed(context.getClient(), ServedApis.HPA);
  }
}
