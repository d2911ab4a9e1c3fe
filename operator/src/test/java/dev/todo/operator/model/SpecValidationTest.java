package dev.todo.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.spec.AiSpec;
import dev.todo.operator.model.spec.BackendSpec;
import dev.todo.operator.model.spec.EmbeddedDatabaseSpec;
import dev.todo.operator.model.spec.TlsSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CEL rules, checked again by the operator for clusters that ignore them (Kubernetes < 1.25). */
class SpecValidationTest {

  @Test
  void defaultsAndTheTestAppsAreValid() {
    assertEquals(List.of(), SpecValidation.errors(TestApps.minimal("a", "ns").getSpec()));
    assertEquals(List.of(), SpecValidation.errors(TestApps.full("a", "ns").getSpec()));
  }

  @Test
  void exactlyOneDatabaseMode() {
    TodoApp app = TestApps.full("a", "ns");
    app.getSpec().getDatabase().setEmbedded(new EmbeddedDatabaseSpec());
    assertTrue(SpecValidation.errors(app.getSpec()).get(0).contains("set exactly one of external, managed or embedded"));
  }

  @Test
  void embeddedDatabaseOnlyWithOneBackendPod() {
    TodoApp app = TestApps.minimal("a", "ns");
    app.getSpec().setBackend(new BackendSpec());
    app.getSpec().getBackend().setReplicas(2);
    assertTrue(SpecValidation.errors(app.getSpec()).get(0).contains("set spec.backend.replicas to 1"));
    TodoApp autoscaled = TestApps.full("a", "ns");
    autoscaled.getSpec().setDatabase(null);
    assertTrue(SpecValidation.errors(autoscaled.getSpec()).get(0).contains("spec.database.embedded"));
  }

  @Test
  void minReplicasNotAboveMax() {
    TodoApp app = TestApps.full("a", "ns");
    app.getSpec().getBackend().getAutoscaling().setMinReplicas(5);
    assertEquals(List.of("spec.backend.autoscaling.minReplicas (5) must not be greater than maxReplicas (4)"),
        SpecValidation.errors(app.getSpec()));
  }

  @Test
  void secretReferencesNeedNameAndKey_aiNeedsAKeyOrAnEndpoint_tlsNeedsAHost() {
    TodoApp app = TestApps.external("a", "ns", "db", null);
    assertTrue(SpecValidation.errors(app.getSpec()).get(0)
        .contains("spec.database.external.secretKeyRef needs both name (the Secret) and key"));
    TodoApp ai = TestApps.minimal("a", "ns");
    ai.getSpec().setAi(new AiSpec());
    assertTrue(SpecValidation.errors(ai.getSpec()).get(0).contains("spec.ai.apiKeySecretRef"));
    ai.getSpec().getAi().setBaseUrl("http://ollama:11434/v1");
    assertEquals(List.of(), SpecValidation.errors(ai.getSpec()), "a local model needs no key");
    TodoApp tls = TestApps.full("a", "ns");
    tls.getSpec().getIngress().setHost(null);
    tls.getSpec().getIngress().setTls(new TlsSpec());
    assertTrue(SpecValidation.errors(tls.getSpec()).get(0).contains("spec.ingress.tls needs spec.ingress.host"));
  }
}
