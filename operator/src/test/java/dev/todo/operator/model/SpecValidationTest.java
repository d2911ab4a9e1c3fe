package dev.todo.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.spec.AiSpec;
import dev.todo.operator.model.spec.BackendSpec;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.model.spec.DatabaseSpec;
import dev.todo.operator.model.spec.RestoreSpec;
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
  void backupScheduleIsCron_retentionAtLeastOne_restoreOnlyIntoAManagedDatabase() {
    TodoApp app = TestApps.full("a", "ns");
    BackupSpec backup = new BackupSpec();
    app.getSpec().getDatabase().getManaged().setBackup(backup);
    for (String cron : List.of("0 3 * * *", "*/15 3-5 1,15 JAN-MAR MON-FRI", "@daily", "@hourly", "0 0 ? * 0")) {
      backup.setSchedule(cron);
      assertEquals(List.of(), SpecValidation.errors(app.getSpec()), cron);
    }
    for (String notCron : List.of("every night", "0 3 * *", "0 3 * * * *", "@fortnightly", "0 3 * * ;rm")) {
      backup.setSchedule(notCron);
      assertEquals(List.of("spec.database.managed.backup.schedule \"" + notCron + "\" is not a cron expression with"
          + " five fields (minute hour day-of-month month day-of-week), e.g. \"0 3 * * *\", or a macro such as"
          + " @daily"), SpecValidation.errors(app.getSpec()), notCron);
    }
    backup.setSchedule(null);
    backup.setRetention(0);
    assertEquals(List.of("spec.database.managed.backup.retention must be at least 1"),
        SpecValidation.errors(app.getSpec()));

    TodoApp embedded = TestApps.minimal("b", "ns");
    embedded.getSpec().setDatabase(DatabaseSpec.embeddedDefault());
    RestoreSpec restore = new RestoreSpec();
    restore.setPvc("old-backups");
    embedded.getSpec().getDatabase().setRestoreFrom(restore);
    assertTrue(SpecValidation.errors(embedded.getSpec()).get(0).startsWith("spec.database.restoreFrom loads a dump"
        + " into the PostgreSQL the operator runs"));
    app.getSpec().getDatabase().setRestoreFrom(restore);
    backup.setRetention(1);
    assertEquals(List.of(), SpecValidation.errors(app.getSpec()));
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
