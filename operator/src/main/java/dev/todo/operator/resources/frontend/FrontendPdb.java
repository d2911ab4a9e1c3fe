package dev.todo.operator.resources.frontend;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.shared.ComponentDisruptionBudget;
import dev.todo.operator.resources.dependent.Labels;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** {@code <name>-frontend}: the frontend's PodDisruptionBudget, when more than one frontend pod may run. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.FRONTEND_SELECTOR))
public class FrontendPdb extends TodoAppDependent<PodDisruptionBudget> {

  public FrontendPdb() {
    super(PodDisruptionBudget.class, ChildNames::frontend);
  }

  @Override
  protected PodDisruptionBudget desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static PodDisruptionBudget build(TodoApp app) {
    return ComponentDisruptionBudget.build(app, Component.FRONTEND, ChildNames.frontend(app), app.getSpec().frontend());
  }

  /** Reconcile precondition: see {@link ComponentDisruptionBudget#wanted}. */
  public static class Wanted implements Condition<PodDisruptionBudget, TodoApp> {
    @Override
    public boolean isMet(DependentResource<PodDisruptionBudget, TodoApp> dependent, TodoApp app,
        Context<TodoApp> context) {
      return ComponentDisruptionBudget.wanted(app.getSpec().frontend());
    }
  }
}
