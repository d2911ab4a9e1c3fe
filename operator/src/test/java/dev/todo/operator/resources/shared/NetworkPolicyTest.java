package dev.todo.operator.resources.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.AiSpec;
import dev.todo.operator.model.spec.MonitoringSpec;
import dev.todo.operator.model.spec.NetworkPolicySpec;
import dev.todo.operator.resources.backend.BackendNetworkPolicy;
import dev.todo.operator.resources.database.PostgresNetworkPolicy;
import dev.todo.operator.resources.frontend.FrontendNetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {

  static Set<Integer> egressPorts(NetworkPolicy np) {
    return np.getSpec().getEgress().stream().flatMap(r -> r.getPorts().stream())
        .map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
  }

  @Test
  void backendIsReachableFromTheFrontend_andFromTheIngressControllerOnlyWithAnIngress() {
    TodoApp app = TestApps.full("app", "ns");
    NetworkPolicy np = BackendNetworkPolicy.build(app);
    assertEquals(List.of("Ingress", "Egress"), np.getSpec().getPolicyTypes());
    var fromFrontend = np.getSpec().getIngress().get(0);
    assertEquals("frontend", fromFrontend.getFrom().get(0).getPodSelector().getMatchLabels()
        .get("app.kubernetes.io/component"));
    assertEquals(8080, fromFrontend.getPorts().get(0).getPort().getIntVal());
    assertEquals(2, np.getSpec().getIngress().size(), "ingress controller rule");
    assertEquals(1, BackendNetworkPolicy.build(TestApps.minimal("app", "ns")).getSpec().getIngress().size());
  }

  @Test
  void backendIsReachableFromPrometheusInAnyNamespaceWhenMonitored() {
    TodoApp app = TestApps.minimal("app", "ns");
    app.getSpec().setMonitoring(new MonitoringSpec());
    app.getSpec().getMonitoring().setEnabled(true);
    var ingress = BackendNetworkPolicy.build(app).getSpec().getIngress();
    assertEquals(2, ingress.size(), "the frontend, and the scrape of /q/metrics");
    assertTrue(ingress.get(1).getFrom().get(0).getNamespaceSelector().getMatchLabels().isEmpty(), "any namespace");
    assertEquals(8080, ingress.get(1).getPorts().get(0).getPort().getIntVal());
  }

  @Test
  void backendEgressIsDnsTheDatabaseAndTheAiProvider() {
    TodoApp app = TestApps.full("app", "ns");
    NetworkPolicy np = BackendNetworkPolicy.build(app);
    assertEquals(Set.of(53, 5432), egressPorts(np));
    NetworkPolicyEgressRule db = np.getSpec().getEgress().get(1);
    assertEquals("database", db.getTo().get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/component"));

    AiSpec ai = TestApps.ai("k", "key");
    app.getSpec().setAi(ai);
    assertEquals(Set.of(53, 5432, 443), egressPorts(BackendNetworkPolicy.build(app)));
    ai.setBaseUrl("http://ollama.ai.svc:11434/v1");
    assertEquals(Set.of(53, 5432, 443, 11434), egressPorts(BackendNetworkPolicy.build(app)));
    assertEquals(Set.of(53), egressPorts(BackendNetworkPolicy.build(TestApps.minimal("app", "ns"))),
        "embedded database, offline assistant: DNS only");
  }

  @Test
  void frontendTalksOnlyToTheBackend_postgresOnlyHearsTheBackend() {
    TodoApp app = TestApps.full("app", "ns");
    NetworkPolicy frontend = FrontendNetworkPolicy.build(app);
    assertEquals(3000, frontend.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal());
    assertTrue(frontend.getSpec().getIngress().get(0).getFrom().isEmpty(), "users come from anywhere");
    assertEquals(Set.of(53, 8080), egressPorts(frontend));
    NetworkPolicy pg = PostgresNetworkPolicy.build(app);
    assertEquals("backend", pg.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels()
        .get("app.kubernetes.io/component"));
    assertEquals(5432, pg.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal());
  }

  @Test
  void policiesCanBeSwitchedOff() {
    TodoApp app = TestApps.full("app", "ns");
    assertTrue(new BackendNetworkPolicy.Wanted().isMet(null, app, null));
    assertTrue(new PostgresNetworkPolicy.Wanted().isMet(null, app, null));
    app.getSpec().setNetworkPolicy(new NetworkPolicySpec());
    app.getSpec().getNetworkPolicy().setEnabled(false);
    assertFalse(new BackendNetworkPolicy.Wanted().isMet(null, app, null));
    assertFalse(new FrontendNetworkPolicy.Wanted().isMet(null, app, null));
    assertFalse(new PostgresNetworkPolicy.Wanted().isMet(null, app, null));
  }
}
