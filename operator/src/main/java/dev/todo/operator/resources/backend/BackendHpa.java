package dev.todo.operator.resources.backend;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.shared.ComponentAutoscaler;
import dev.todo.operator.resources.dependent.Labels;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** {@code <name>-backend}: the backend's HorizontalPodAutoscaler, when spec.backend.autoscaling.enabled. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.BACKEND_SELECTOR))
public class BackendHpa extends TodoAppDependent<HorizontalPodAutoscaler> {

  public BackendHpa() {
    super(HorizontalPodAutoscaler.class, ChildNames::backend);
  }

  @Override
  protected HorizontalPodAutoscaler desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static HorizontalPodAutoscaler build(TodoApp app) {
    return ComponentAutoscaler.build(app, Component.BACKEND, ChildNames.backend(app),
        app.getSpec().backend().autoscaling());
  }

  /** Reconcile precondition: autoscaling is on (off: an existing HPA is deleted). */
  public static class Wanted implements Condition<HorizontalPodAutoscaler, TodoApp> {
    @Override
    public boolean isMet(DependentResource<HorizontalPodAutoscaler, TodoApp> dependent, TodoApp app,
        Context<TodoApp> context) {
      return app.getSpec().backend().autoscaling().enabled();
    }
  }
}
