package dev.todo.operator.resources.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.backend.BackendDataPvc;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

class PostgresTest {

  @Test
  void statefulSetRunsTheOfficialImageAsItsOwnUserWithPersistentData() {
    TodoApp app = TestApps.full("app", "ns");
    app.getSpec().getDatabase().getManaged().setStorage("5Gi");
    app.getSpec().getDatabase().getManaged().setStorageClassName("fast");
    StatefulSet ss = PostgresStatefulSet.build(app);
    Container c = ss.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("postgres:16", c.getImage());
    assertEquals(999L, ss.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser());
    assertEquals(999L, ss.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup());
    assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
    assertTrue(c.getEnv().stream().anyMatch(e -> "PGDATA".equals(e.getName())
        && "/var/lib/postgresql/data/pgdata".equals(e.getValue())), "PGDATA is a subdirectory of the volume");
    assertTrue(c.getEnv().stream().anyMatch(e -> "POSTGRES_PASSWORD".equals(e.getName())
        && "app-postgres-credentials".equals(e.getValueFrom().getSecretKeyRef().getName())));
    assertTrue(String.join(" ", c.getReadinessProbe().getExec().getCommand()).contains("pg_isready"));
    var claim = ss.getSpec().getVolumeClaimTemplates().get(0);
    assertEquals(new Quantity("5Gi"), claim.getSpec().getResources().getRequests().get("storage"));
    assertEquals("fast", claim.getSpec().getStorageClassName());
    assertEquals("app-postgres", ss.getSpec().getServiceName());
    assertEquals(5432, PostgresService.build(app).getSpec().getPorts().get(0).getPort());
  }

  @Test
  void credentialsHoldAUrlTheBackendCanUse() {
    var secret = PostgresCredentials.build(TestApps.full("app", "ns"), "s3cret");
    assertEquals("postgresql://todo:s3cret@app-postgres:5432/todo", secret.getStringData().get("url"));
    assertEquals("todo", secret.getStringData().get("username"));
    assertEquals("todo", secret.getStringData().get("database"));
    assertEquals("app-postgres-credentials", secret.getMetadata().getName());
  }

  @Test
  void managedResourcesOnlyInManagedMode_embeddedVolumeOnlyInEmbeddedMode() {
    assertTrue(new ManagedDatabaseWanted().isMet(null, TestApps.full("a", "ns"), null));
    assertFalse(new ManagedDatabaseWanted().isMet(null, TestApps.minimal("a", "ns"), null));
    assertFalse(new ManagedDatabaseWanted().isMet(null, TestApps.external("a", "ns", "s", "k"), null));
    assertTrue(new BackendDataPvc.Wanted().isMet(null, TestApps.minimal("a", "ns"), null));
    assertFalse(new BackendDataPvc.Wanted().isMet(null, TestApps.full("a", "ns"), null));
    var pvc = BackendDataPvc.build(TestApps.minimal("a", "ns"));
    assertEquals("a-backend-data", pvc.getMetadata().getName());
    assertEquals(new Quantity("1Gi"), pvc.getSpec().getResources().getRequests().get("storage"));
    assertEquals("ReadWriteOnce", pvc.getSpec().getAccessModes().get(0));
  }
}
