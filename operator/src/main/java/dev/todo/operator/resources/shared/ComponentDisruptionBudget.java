package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.ComponentSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** The PodDisruptionBudget (policy/v1) of one component's pods. */
public final class ComponentDisruptionBudget {
  private ComponentDisruptionBudget() {
  }

  /** Only where more than one pod may run: with one pod a budget would block every node drain. */
  public static boolean wanted(ComponentSpec spec) {
    return spec.podDisruptionBudget().enabled() && spec.mayRunSeveralPods();
  }

  public static PodDisruptionBudget build(TodoApp app, Component component, String name, ComponentSpec spec) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(ChildMetadata.of(app, name, component))
        .withNewSpec()
        .withMinAvailable(new IntOrString(spec.podDisruptionBudget().minAvailable()))
        .withNewSelector().withMatchLabels(Labels.selector(app, component)).endSelector()
        .endSpec()
        .build();
  }
}
