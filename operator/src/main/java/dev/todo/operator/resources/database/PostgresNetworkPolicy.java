package dev.todo.operator.resources.database;

import static dev.todo.operator.resources.shared.NetworkPolicies.dns;
import static dev.todo.operator.resources.shared.NetworkPolicies.pods;
import static dev.todo.operator.resources.shared.NetworkPolicies.tcp;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * {@code <name>-postgres}: PostgreSQL accepts 5432 from the backend and the backup and restore Jobs only,
 * and reaches nothing but DNS.
 */
public class PostgresNetworkPolicy extends TodoAppDependent<NetworkPolicy> {

  public PostgresNetworkPolicy() {
    super(NetworkPolicy.class, ChildNames::postgres);
  }

  @Override
  protected NetworkPolicy desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static NetworkPolicy build(TodoApp app) {
    return new NetworkPolicyBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.postgres(app), Component.DATABASE))
        .withNewSpec()
        .withNewPodSelector().withMatchLabels(Labels.selector(app, Component.DATABASE)).endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(new NetworkPolicyIngressRuleBuilder()
            .withFrom(pods(app, Component.BACKEND), pods(app, Component.BACKUP))
            .withPorts(tcp(PostgresStatefulSet.PORT)).build())
        .withEgress(dns())
        .endSpec()
        .build();
  }

  /** Reconcile precondition: a managed database with network policies on. */
  public static class Wanted implements Condition<NetworkPolicy, TodoApp> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
      return app.getSpec().networkPolicy().enabled()
          && app.getSpec().database().mode() == dev.todo.operator.model.spec.DatabaseMode.MANAGED;
    }
  }
}
