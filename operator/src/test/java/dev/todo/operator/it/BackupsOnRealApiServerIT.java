package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The managed database's backups and restore on a real API server with the packaged operator: the
 * backup Job before a backend image change (created before the Deployment changes, as the audit log
 * shows), a failed one holding the rollout, on-demand backups, a restore before a new TodoApp's backend
 * starts, a missing dump, and the volumes a deleted TodoApp leaves. No container runs here: the test
 * kubelet ends a Job's pod as its script would (exit code and termination message), and the real Job
 * controller turns that into the Job's status. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupsOnRealApiServerIT {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.namespace("backups").withOperator().withKubelet();
  static final String APP = "todo";
  static final String DUMP = "todo-20261129T030000Z.dump";

  @Test
  @Order(1)
  void aManagedDatabaseGetsABackupVolumeWithoutOwner_andTheExampleTurnsReady() {
    cluster.apps().create(cluster.apps().fromRepo("examples/todoapp-dev.yaml", APP, cluster.ns()));
    cluster.plane().kubectl("wait", "--for=condition=Ready", "todoapp/" + APP, "-n", cluster.ns(), "--timeout=120s")
        .assertOk();
    var pvc = cluster.admin().persistentVolumeClaims().inNamespace(cluster.ns()).withName("todo-backups").get();
    assertNotNull(pvc, "the backup volume exists");
    assertTrue(pvc.getMetadata().getOwnerReferences() == null || pvc.getMetadata().getOwnerReferences().isEmpty(),
        "no owner: it outlives the TodoApp");
    assertEquals("Retain", cluster.admin().apps().statefulSets().inNamespace(cluster.ns()).withName("todo-postgres")
        .get().getSpec()
        .getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
  }

  @Test
  @Order(2)
  void anImageChangeRunsABackupJobFirst_theBackendRollsOnlyAfterItSucceeded() {
    long mark = cluster.plane().auditLog().mark();
    setBackendImage("todo-backend:dev2");

    Job job = awaitJob(j -> "before-upgrade".equals(annotation(j, "todo.dev/backup-trigger"))
        && "todo-backend:dev2".equals(annotation(j, "todo.dev/backup-for")));
    GenericKubernetesResource app = cluster.apps().awaitCondition(cluster.ns(), APP, "Progressing", "True", 60);
    assertEquals("BackingUp", TodoAppsOnCluster.conditionField(app, "Progressing", "reason"));
    assertTrue(TodoAppsOnCluster.conditionField(app, "Progressing", "message").contains(job.getMetadata().getName()));
    // Held while the backup runs: the reconciles that happen meanwhile leave the backend's image alone.
    sleep(3000);
    assertEquals("todo-backend:dev", backendImage(), "the backend waits for the backup");

    finishPodOf(job, true, DUMP + " 4242");
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> "todo-backend:dev2".equals(backendImage()));

    // The order, from the API server's audit log: the Job was created before the Deployment changed.
    List<AuditLog.Event> writes = cluster.plane().auditLog().writesBy(KubeControlPlane.OPERATOR_USER, mark).stream()
        .filter(e -> cluster.ns().equals(e.namespace()) && e.code() < 400).toList();
    int jobCreated = indexOf(writes, "create", "jobs", job.getMetadata().getName());
    int deploymentChanged = indexOf(writes, null, "deployments", "todo-backend");
    assertTrue(jobCreated >= 0 && deploymentChanged > jobCreated, "backup Job created (" + jobCreated
        + ") before the Deployment changed (" + deploymentChanged + "): " + writes);

    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      Map<?, ?> backup = (Map<?, ?>) TodoAppsOnCluster.status(cluster.apps().get(cluster.ns(), APP)).get("backup");
      assertNotNull(backup);
      assertEquals(DUMP, backup.get("lastBackup"), "status.backup: " + backup);
      assertEquals(4242, ((Number) backup.get("lastBackupSize")).intValue());
      assertEquals(Boolean.TRUE, backup.get("lastBackupSucceeded"));
      assertEquals(job.getMetadata().getName(), backup.get("lastBackupJob"));
    });
    assertEquals("False", TodoAppsOnCluster.conditionField(cluster.apps()
        .get(cluster.ns(), APP), "BackupFailed", "status"));
  }

  @Test
  @Order(3)
  void aFailedBackupBeforeAnUpgradeHoldsTheRolloutDegradedWithTheCauseAndHowToSkip() {
    setBackendImage("todo-backend:dev3");
    Job job = awaitJob(j -> "todo-backend:dev3".equals(annotation(j, "todo.dev/backup-for")));
    String reason = "backup failed: the backup directory /backups is missing or not writable";
    finishPodOf(job, false, reason);

    GenericKubernetesResource app = cluster.apps().awaitCondition(cluster.ns(), APP, "Degraded", "True", 60);
    String message = TodoAppsOnCluster.conditionField(app, "Degraded", "message");
    assertEquals("BackupBeforeUpgradeFailed", TodoAppsOnCluster.conditionField(app, "Degraded", "reason"), message);
    assertTrue(message.contains(reason) && message.contains("spec.database.managed.backup.beforeUpgrade")
        && message.contains("stays on todo-backend:dev2"), message);
    assertEquals("True", TodoAppsOnCluster.conditionField(app, "BackupFailed", "status"));
    assertEquals("todo-backend:dev2", backendImage(), "the rollout is held");

    // The way out the message names: upgrade without a backup.
    edit(APP, a -> {
      Map<String, Object> managed = managed(a);
      managed.put("backup", new java.util.HashMap<>(Map.of("beforeUpgrade", false)));
      return a;
    });
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> "todo-backend:dev3".equals(backendImage()));
    cluster.apps().awaitCondition(cluster.ns(), APP, "Degraded", "False", 60);
  }

  @Test
  @Order(4)
  void anOnDemandBackupRunsOncePerAnnotationValue() {
    annotate("todo.dev/backup-now", "first");
    Job job = awaitJob(j -> "first".equals(annotation(j, "todo.dev/backup-for")));
    assertEquals("on-demand", annotation(job, "todo.dev/backup-trigger"));
    finishPodOf(job, true, "todo-20261129T120000Z.dump 5000");
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      Map<?, ?> backup = (Map<?, ?>) TodoAppsOnCluster.status(cluster.apps().get(cluster.ns(), APP)).get("backup");
      assertEquals("todo-20261129T120000Z.dump", backup.get("lastBackup"), "status.backup: " + backup);
      assertEquals("first", backup.get("lastOnDemand"));
    });
    // The same value again is no new request; a new value is.
    annotate("other", "x");
    sleep(3000);
    assertEquals(1, onDemandJobs().size(), "one Job per value: " + onDemandJobs());
    annotate("todo.dev/backup-now", "second");
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> onDemandJobs().size() == 2);
  }

  @Test
  @Order(5)
  void aNewTodoAppRestoresTheLatestDumpBeforeItsBackendStarts() {
    createRestoring("restored", "latest");
    Job restore = awaitJob(j -> "restored-restore".equals(j.getMetadata().getName()));
    var pod = restore.getSpec().getTemplate().getSpec();
    assertEquals("todo-backups", pod.getVolumes().stream().filter(v -> "backups".equals(v.getName())).findFirst()
        .orElseThrow().getPersistentVolumeClaim().getClaimName());
    GenericKubernetesResource app = Awaitility.await().atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).until(() -> cluster.apps().get(cluster.ns(), "restored"),
            a -> a != null && TodoAppsOnCluster.status(a) != null
                && "Restoring".equals(TodoAppsOnCluster.status(a).get("phase")));
    assertEquals("Restoring", TodoAppsOnCluster.conditionField(app, "Progressing", "reason"));
    sleep(3000);
    assertNull(cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("restored-backend").get(),
        "no backend while the database is restored");

    finishPodOf(restore, true, "restored todo-20261129T120000Z.dump");
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("restored-backend")
        .get() != null);
    cluster.plane().kubectl("wait", "--for=condition=Ready", "todoapp/restored", "-n", cluster.ns(), "--timeout=120s")
        .assertOk();
    Map<?, ?> status = (Map<?, ?>) TodoAppsOnCluster.status(cluster.apps().get(cluster.ns(), "restored"))
        .get("restore");
    assertEquals("Restored", status.get("phase"), "status.restore: " + status);
    assertEquals("restored todo-20261129T120000Z.dump", status.get("message"));
  }

  @Test
  @Order(6)
  void aMissingDumpIsDegradedNamingIt_andNoBackendStarts() {
    createRestoring("missing", "todo-19990101T000000Z.dump");
    Job restore = awaitJob(j -> "missing-restore".equals(j.getMetadata().getName()));
    finishPodOf(restore, false, "restore failed: dump todo-19990101T000000Z.dump not found on the backup volume"
        + " todo-backups (newest there: " + DUMP + " ); fix spec.database.restoreFrom.dump");
    GenericKubernetesResource app = cluster.apps().awaitCondition(cluster.ns(), "missing", "Degraded", "True", 60);
    String message = TodoAppsOnCluster.conditionField(app, "Degraded", "message");
    assertEquals("RestoreFailed", TodoAppsOnCluster.conditionField(app, "Degraded", "reason"), message);
    assertTrue(message.contains("todo-19990101T000000Z.dump not found") && message.contains("not changed"), message);
    assertNull(cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("missing-backend")
        .get(), "no backend");
  }

  @Test
  @Order(7)
  void deletingATodoAppKeepsBothVolumes_unlessDeleteDataOnRemoval() {
    cluster.apps().api().inNamespace(cluster.ns()).withName(APP).delete();
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
        cluster.admin().apps().statefulSets().inNamespace(cluster.ns()).withName("todo-postgres").get() == null);
    sleep(3000);
    for (String pvc : List.of("data-todo-postgres-0", "todo-backups")) {
      var claim = cluster.admin().persistentVolumeClaims().inNamespace(cluster.ns()).withName(pvc).get();
      assertTrue(claim != null && claim.getMetadata().getDeletionTimestamp() == null, pvc + " stays");
    }
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(cluster.admin().v1().events()
        .inNamespace(cluster.ns()).list().getItems().stream().anyMatch(e -> "DataKept".equals(e.getReason())
            && e.getMessage().contains("data-todo-postgres-0") && e.getMessage().contains("todo-backups")
            && e.getMessage().contains("restoreFrom")), "a DataKept event names both volumes"));

    edit("restored", a -> {
      managed(a).put("deleteDataOnRemoval", true);
      return a;
    });
    // The backup volume is given to the TodoApp, the database's to its StatefulSet (by its retention policy).
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      for (String name : List.of("restored-backups", "data-restored-postgres-0")) {
        var pvc = cluster.admin().persistentVolumeClaims().inNamespace(cluster.ns()).withName(name).get();
        assertTrue(pvc.getMetadata().getOwnerReferences() != null && !pvc.getMetadata().getOwnerReferences().isEmpty(),
            name + " has an owner: " + pvc.getMetadata() + "; StatefulSet: " + cluster.admin().apps().statefulSets()
                .inNamespace(cluster.ns()).withName("restored-postgres").get().getSpec()
                .getPersistentVolumeClaimRetentionPolicy());
      }
    });
    cluster.apps().api().inNamespace(cluster.ns()).withName("restored").delete();
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      for (String pvc : List.of("data-restored-postgres-0", "restored-backups")) {
        var claim = cluster.admin().persistentVolumeClaims().inNamespace(cluster.ns()).withName(pvc).get();
        assertTrue(claim == null || claim.getMetadata().getDeletionTimestamp() != null, pvc + " is deleted");
      }
    });
  }

  // --- helpers

  /** A user's edit: retried when it meets the operator's status write (HTTP 409), as kubectl edit would be. */
  private static void edit(String name, java.util.function.UnaryOperator<GenericKubernetesResource> change) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(() -> cluster.apps().api().inNamespace(cluster.ns()).withName(name).edit(change) != null);
  }

  private static void createRestoring(String name, String dump) {
    cluster.apps().create(cluster.apps().fromYaml("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: x}
        spec:
          database:
            managed: {}
            restoreFrom: {pvc: todo-backups, dump: %s}
        """.formatted(dump), name, cluster.ns()));
  }

  private static void setBackendImage(String image) {
    edit(APP, a -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> backend = (Map<String, Object>) ((Map<String, Object>) a.getAdditionalProperties()
          .get("spec")).get("backend");
      backend.put("image", image);
      return a;
    });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> managed(GenericKubernetesResource a) {
    Map<String, Object> spec = (Map<String, Object>) a.getAdditionalProperties().get("spec");
    return (Map<String, Object>) ((Map<String, Object>) spec.get("database")).get("managed");
  }

  private static void annotate(String key, String value) {
    edit(APP, a -> {
      if (a.getMetadata().getAnnotations() == null) {
        a.getMetadata().setAnnotations(new java.util.HashMap<>());
      }
      a.getMetadata().getAnnotations().put(key, value);
      return a;
    });
  }

  private static String backendImage() {
    Deployment d = cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("todo-backend").get();
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static List<Job> onDemandJobs() {
    return cluster.admin().batch().v1().jobs().inNamespace(cluster.ns()).list().getItems().stream()
        .filter(j -> "on-demand".equals(annotation(j, "todo.dev/backup-trigger"))).toList();
  }

  private static Job awaitJob(java.util.function.Predicate<Job> which) {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> cluster.admin().batch().v1().jobs().inNamespace(cluster.ns()).list().getItems().stream()
        .filter(which)
            .findFirst().orElse(null), java.util.Objects::nonNull);
  }

  /** Ends the Job's pod as its script would; the Job controller then completes or fails the Job. */
  private static void finishPodOf(Job job, boolean success, String terminationMessage) {
    Pod pod = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
        .until(() -> cluster.admin().pods().inNamespace(cluster.ns()).withLabel("job-name", job.getMetadata()
        .getName()).list()
            .getItems().stream().filter(TestKubelet::isReady).findFirst().orElse(null), java.util.Objects::nonNull);
    Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreException(KubernetesClientException.class)
        .untilAsserted(() -> cluster.kubelet().finish(pod.getMetadata().getName(), success, terminationMessage));
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Job now = cluster.admin().batch().v1().jobs().inNamespace(cluster.ns()).withName(job.getMetadata().getName())
          .get();
      return now.getStatus() != null && now.getStatus().getConditions() != null && now.getStatus().getConditions()
          .stream().anyMatch(c -> (success ? "Complete" : "Failed")
          .equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }

  private static String annotation(Job job, String key) {
    return job.getMetadata().getAnnotations() == null ? null : job.getMetadata().getAnnotations().get(key);
  }

  private static int indexOf(List<AuditLog.Event> writes, String verb, String resource, String name) {
    for (int i = 0; i < writes.size(); i++) {
      AuditLog.Event e = writes.get(i);
      if ((verb == null || verb.equals(e.verb())) && resource.equals(e.resource()) && name.equals(e.name())
          && e.subresource() == null) {
        return i;
      }
    }
    return -1;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
