package dev.todo.operator.resources.frontend;

import static dev.todo.operator.resources.shared.NetworkPolicies.dns;
import static dev.todo.operator.resources.shared.NetworkPolicies.pods;
import static dev.todo.operator.resources.shared.NetworkPolicies.tcp;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.backend.BackendDeployment;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * {@code <name>-frontend}: the UI accepts 3000 from anywhere (users, the ingress controller, a
 * NodePort) and may reach only DNS and the backend.
 */
public class FrontendNetworkPolicy extends TodoAppDependent<NetworkPolicy> {

  public FrontendNetworkPolicy() {
    super(NetworkPolicy.class, ChildNames::frontend);
  }

  @Override
  protected NetworkPolicy desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static NetworkPolicy build(TodoApp app) {
    return new NetworkPolicyBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.frontend(app), Component.FRONTEND))
        .withNewSpec()
        .withNewPodSelector().withMatchLabels(Labels.selector(app, Component.FRONTEND)).endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(new NetworkPolicyIngressRuleBuilder().withPorts(tcp(FrontendDeployment.PORT)).build())
        .withEgress(dns(), new NetworkPolicyEgressRuleBuilder()
            .withTo(pods(app, Component.BACKEND)).withPorts(tcp(BackendDeployment.PORT)).build())
        .endSpec()
        .build();
  }

  /** Reconcile precondition: spec.networkPolicy.enabled. */
  public static class Wanted implements Condition<NetworkPolicy, TodoApp> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
      return app.getSpec().networkPolicy().enabled();
    }
  }
}
