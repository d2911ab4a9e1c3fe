package dev.todo.operator.resources.backend;

import static dev.todo.operator.resources.shared.NetworkPolicies.anyNamespace;
import static dev.todo.operator.resources.shared.NetworkPolicies.dns;
import static dev.todo.operator.resources.shared.NetworkPolicies.pods;
import static dev.todo.operator.resources.shared.NetworkPolicies.tcp;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.AiSpec;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.resources.database.PostgresStatefulSet;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.shared.NetworkPolicies;
import dev.todo.operator.resources.shared.ReferencedSecrets;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code <name>-backend}: the backend accepts 8080 from the frontend (and from any namespace when the
 * Ingress routes /api to it or a ServiceMonitor has it scraped, since the ingress controller's and
 * Prometheus's namespaces are unknown); it may reach DNS,
 * its database (the managed one's pods, or the port(s) of the external one's URL) and the AI provider
 * (HTTPS, or the port of spec.ai.baseUrl).
 */
public class BackendNetworkPolicy extends TodoAppDependent<NetworkPolicy> {

  public BackendNetworkPolicy() {
    super(NetworkPolicy.class, ChildNames::backend);
  }

  @Override
  protected NetworkPolicy desired(TodoApp app, Context<TodoApp> context) {
    return build(app, externalDatabasePorts(app, context));
  }

  /** Offline ({@code render}): an external database on PostgreSQL's default port. */
  public static NetworkPolicy build(TodoApp app) {
    return build(app, Set.of(PostgresStatefulSet.PORT));
  }

  /**
   * The ports the external database's URL names, read from its Secret: the backend may reach those and
   * no other. PostgreSQL's 5432 while the Secret or its key is missing (the status says which) or for a
   * host of the URL that names no port.
   */
  static Set<Integer> externalDatabasePorts(TodoApp app, Context<TodoApp> context) {
    if (app.getSpec().database().mode() != DatabaseMode.EXTERNAL) {
      return Set.of();
    }
    var ref = app.getSpec().getDatabase().getExternal().getSecretKeyRef();
    return ReferencedSecrets.find(context, app.getMetadata().getNamespace(), ref.getName())
        .map(secret -> ReferencedSecrets.decodedValue(secret, ref.getKey()))
        .map(BackendNetworkPolicy::databasePorts)
        .orElse(Set.of(PostgresStatefulSet.PORT));
  }

  /**
   * The ports of a PostgreSQL URL as the backend accepts it ({@code postgresql://user:pass@host:port/db},
   * {@code jdbc:postgresql://host:port/db}), each host of a multi-host URL ({@code h1:5433,h2}) counted.
   */
  static Set<Integer> databasePorts(String url) {
    Set<Integer> ports = new TreeSet<>();
    int start = url.indexOf("//");
    if (start >= 0) {
      String authority = url.substring(start + 2).split("[/?]", 2)[0];
      authority = authority.substring(authority.lastIndexOf('@') + 1);
      for (String host : authority.split(",")) {
        int colon = host.lastIndexOf(':');
        String port = colon > host.lastIndexOf(']') ? host.substring(colon + 1) : "";
        ports.add(port.matches("\\d{1,5}") ? Integer.parseInt(port) : PostgresStatefulSet.PORT);
      }
    }
    return ports.isEmpty() ? Set.of(PostgresStatefulSet.PORT) : ports;
  }

  public static NetworkPolicy build(TodoApp app, Set<Integer> externalDatabasePorts) {
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    ingress.add(new NetworkPolicyIngressRuleBuilder()
        .withFrom(pods(app, Component.FRONTEND)).withPorts(tcp(BackendDeployment.PORT)).build());
    // the ingress controller (for /api) and Prometheus (for /q/metrics, through the ServiceMonitor) run
    // in namespaces the operator cannot know
    if (app.getSpec().ingress().enabled() || app.getSpec().monitoring().enabled()) {
      ingress.add(new NetworkPolicyIngressRuleBuilder()
          .withFrom(anyNamespace()).withPorts(tcp(BackendDeployment.PORT)).build());
    }
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    egress.add(dns());
    DatabaseMode mode = app.getSpec().database().mode();
    if (mode == DatabaseMode.MANAGED) {
      egress.add(new NetworkPolicyEgressRuleBuilder()
          .withTo(pods(app, Component.DATABASE)).withPorts(tcp(PostgresStatefulSet.PORT)).build());
    } else if (mode == DatabaseMode.EXTERNAL) {
      egress.add(new NetworkPolicyEgressRuleBuilder()
          .withPorts(externalDatabasePorts.stream().map(NetworkPolicies::tcp).toList()).build());
    }
    List<NetworkPolicyPort> aiPorts = aiPorts(app.getSpec().getAi());
    if (!aiPorts.isEmpty()) {
      egress.add(new NetworkPolicyEgressRuleBuilder().withPorts(aiPorts).build());
    }
    return new NetworkPolicyBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.backend(app), Component.BACKEND))
        .withNewSpec()
        .withNewPodSelector().withMatchLabels(Labels.selector(app, Component.BACKEND)).endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(ingress)
        .withEgress(egress)
        .endSpec()
        .build();
  }

  /** HTTPS for hosted providers; a self-hosted one (e.g. Ollama on 11434) gets its own port too. */
  static List<NetworkPolicyPort> aiPorts(AiSpec ai) {
    if (ai == null || ai.provider() != dev.todo.operator.model.spec.AiProvider.OPENAI_COMPATIBLE) {
      return List.of();
    }
    Set<Integer> ports = new LinkedHashSet<>();
    ports.add(443);
    if (ai.getBaseUrl() != null) {
      try {
        URI uri = URI.create(ai.getBaseUrl());
        int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        ports.add(port);
      } catch (IllegalArgumentException e) {
        // the schema's pattern already rejects such URLs; HTTPS alone is the safe answer
      }
    }
    return ports.stream().map(p -> tcp(p)).toList();
  }

  /** Reconcile precondition: spec.networkPolicy.enabled. */
  public static class Wanted implements Condition<NetworkPolicy, TodoApp> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
      return app.getSpec().networkPolicy().enabled();
    }
  }
}
