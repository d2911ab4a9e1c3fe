package dev.todo.operator.resources.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.model.spec.BackupStorageSpec;
import dev.todo.operator.model.spec.RestoreSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The backup CronJob, the on-demand and before-upgrade Jobs, the restore Job and the backup volume. */
class PostgresBackupTest {

  static TodoApp app() {
    TodoApp app = TestApps.withUid(TestApps.full("app", "ns"));
    BackupSpec backup = new BackupSpec();
    backup.setSchedule("0 3 * * *");
    backup.setRetention(5);
    BackupStorageSpec storage = new BackupStorageSpec();
    storage.setSize("3Gi");
    storage.setStorageClassName("slow");
    backup.setStorage(storage);
    app.getSpec().getDatabase().getManaged().setBackup(backup);
    app.getSpec().getDatabase().getManaged().setImage("postgres:16.4");
    return app;
  }

  @Test
  void theCronJobRunsTheBackupScriptOnTheScheduleOneAtATime() {
    CronJob cron = PostgresBackupCronJob.build(app());
    assertEquals("app-backup", cron.getMetadata().getName());
    assertEquals("0 3 * * *", cron.getSpec().getSchedule());
    assertEquals("Forbid", cron.getSpec().getConcurrencyPolicy());
    assertEquals(PostgresBackupJob.SCHEDULED,
        cron.getSpec().getJobTemplate().getMetadata().getAnnotations().get(PostgresBackupJob.TRIGGER));
    assertEquals("backup", cron.getSpec().getJobTemplate().getMetadata().getLabels().get("app.kubernetes.io/component"));
    assertBackupPod(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec(), "5");
    assertEquals(0, cron.getSpec().getJobTemplate().getSpec().getBackoffLimit());
  }

  @Test
  void theCronJobExistsOnlyWithAScheduleOnAManagedDatabase() {
    assertTrue(new PostgresBackupCronJob.Wanted().isMet(null, app(), null));
    assertFalse(new PostgresBackupCronJob.Wanted().isMet(null, TestApps.full("a", "ns"), null), "no schedule");
    assertFalse(new PostgresBackupCronJob.Wanted().isMet(null, TestApps.minimal("a", "ns"), null), "embedded");
  }

  @Test
  void anOnDemandBackupIsOneJobPerAnnotationValue() {
    Job first = PostgresBackupJob.onDemand(app(), "2026-11-29");
    assertEquals(first.getMetadata().getName(), PostgresBackupJob.onDemand(app(), "2026-11-29").getMetadata().getName());
    assertNotEquals(first.getMetadata().getName(), PostgresBackupJob.onDemand(app(), "again").getMetadata().getName());
    assertTrue(first.getMetadata().getName().startsWith("app-backup-"), first.getMetadata().getName());
    assertEquals(Map.of(PostgresBackupJob.TRIGGER, "on-demand", PostgresBackupJob.TRIGGER_VALUE, "2026-11-29"),
        first.getMetadata().getAnnotations());
    assertEquals("uid-app", first.getMetadata().getOwnerReferences().get(0).getUid(), "deleted with the TodoApp");
    assertEquals(0, first.getSpec().getBackoffLimit());
    assertBackupPod(first.getSpec().getTemplate().getSpec(), "5");
  }

  @Test
  void theBackupBeforeAnUpgradeIsNamedAfterTheNewImage() {
    Job job = PostgresBackupJob.beforeUpgrade(app(), "todo-backend:2.0", "todo-backend:1.0 -> todo-backend:2.0 at 4");
    assertTrue(job.getMetadata().getName().startsWith("app-backup-upgrade-"), job.getMetadata().getName());
    assertEquals("todo-backend:2.0", job.getMetadata().getAnnotations().get(PostgresBackupJob.TRIGGER_VALUE));
    assertEquals("before-upgrade", job.getMetadata().getAnnotations().get(PostgresBackupJob.TRIGGER));
    assertEquals(job.getMetadata().getName(), PostgresBackupJob.beforeUpgrade(app(), "todo-backend:2.0",
        "todo-backend:1.0 -> todo-backend:2.0 at 4").getMetadata().getName(), "the same rollout: the same Job");
    assertNotEquals(job.getMetadata().getName(), PostgresBackupJob.beforeUpgrade(app(), "todo-backend:2.0",
        "todo-backend:1.0 -> todo-backend:2.0 at 6").getMetadata().getName(), "the same images again later: a new one");
    assertBackupPod(job.getSpec().getTemplate().getSpec(), "5");
  }

  @Test
  void jobNamesFitTheJobNameLabelForLongTodoAppNames() {
    TodoApp app = TestApps.full("a".repeat(60), "ns");
    String name = PostgresBackupJob.beforeUpgrade(app, "x", "y").getMetadata().getName();
    assertTrue(name.length() <= 63, name);
    assertTrue(name.startsWith("aaaa") && name.contains("-backup-upgrade-"), name);
  }

  @Test
  void theBackupVolumeHasNoOwnerSoItOutlivesTheTodoApp() {
    var pvc = PostgresBackupPvc.build(app());
    assertEquals("app-backups", pvc.getMetadata().getName());
    assertNull(pvc.getMetadata().getOwnerReferences(), "no owner reference: not garbage-collected with the TodoApp");
    assertEquals(new Quantity("3Gi"), pvc.getSpec().getResources().getRequests().get("storage"));
    assertEquals("slow", pvc.getSpec().getStorageClassName());
    assertEquals("backup", pvc.getMetadata().getLabels().get("app.kubernetes.io/component"));
    var defaults = PostgresBackupPvc.build(TestApps.full("b", "ns"));
    assertEquals(new Quantity("1Gi"), defaults.getSpec().getResources().getRequests().get("storage"));
    assertNull(defaults.getSpec().getStorageClassName());
  }

  @Test
  void deleteDataOnRemovalGivesBothVolumesToTheTodoApp() {
    TodoApp kept = app();
    assertEquals("Retain", PostgresStatefulSet.build(kept).getSpec().getPersistentVolumeClaimRetentionPolicy()
        .getWhenDeleted(), "the database volume outlives the StatefulSet");
    assertNull(PostgresBackupPvc.build(kept).getMetadata().getOwnerReferences());

    TodoApp deleted = app();
    deleted.getSpec().getDatabase().getManaged().setDeleteDataOnRemoval(true);
    assertEquals("Delete", PostgresStatefulSet.build(deleted).getSpec().getPersistentVolumeClaimRetentionPolicy()
        .getWhenDeleted());
    assertEquals("Retain", PostgresStatefulSet.build(deleted).getSpec().getPersistentVolumeClaimRetentionPolicy()
        .getWhenScaled());
    assertEquals("uid-app", PostgresBackupPvc.build(deleted).getMetadata().getOwnerReferences().get(0).getUid());
  }

  @Test
  void deleteDataOnRemovalSetLaterGivesTheBackupVolumeToTheTodoApp_unsetTakesItBack_othersStay() {
    TodoApp app = app();
    var pvc = PostgresBackupPvc.build(app);
    PostgresBackupPvc dependent = new PostgresBackupPvc();
    assertTrue(dependent.match(pvc, app, null).matched(), "as created: nothing to update");

    app.getSpec().getDatabase().getManaged().setDeleteDataOnRemoval(true);
    assertFalse(dependent.match(pvc, app, null).matched(), "the flag was set: the owner reference is missing");
    var owners = new java.util.ArrayList<>(PostgresBackupPvc.owners(pvc, app));
    assertEquals(List.of("uid-app"), owners.stream().map(o -> o.getUid()).toList());
    owners.add(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withUid("someone-else").withKind("Backup")
        .withName("x").withApiVersion("example.com/v1").build());
    pvc.getMetadata().setOwnerReferences(owners);
    assertTrue(dependent.match(pvc, app, null).matched());
    assertTrue(PostgresBackupPvc.ownedBy(pvc, app));

    app.getSpec().getDatabase().getManaged().setDeleteDataOnRemoval(false);
    assertFalse(dependent.match(pvc, app, null).matched(), "the flag was unset: the owner reference must go");
    assertEquals(List.of("someone-else"), PostgresBackupPvc.owners(pvc, app).stream().map(o -> o.getUid()).toList(),
        "only this TodoApp's reference is removed");
  }

  @Test
  void theRestoreJobLoadsTheNamedDumpFromTheGivenVolumeReadOnly() {
    TodoApp app = app();
    RestoreSpec restore = new RestoreSpec();
    restore.setPvc("old-backups");
    app.getSpec().getDatabase().setRestoreFrom(restore);
    Job job = PostgresRestoreJob.build(app);
    assertEquals("app-restore", job.getMetadata().getName());
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertEquals(List.of("sh", "-c", BackupScripts.RESTORE), c.getCommand());
    assertTrue(BackupScripts.RESTORE.contains("pg_restore --single-transaction"));
    Map<String, EnvVar> env = env(c);
    assertEquals("latest", env.get("DUMP").getValue());
    assertEquals("old-backups", env.get("BACKUP_PVC").getValue());
    assertCredentialsFromTheSecret(env);
    assertEquals("old-backups", pod.getVolumes().stream().filter(v -> "backups".equals(v.getName())).findFirst()
        .orElseThrow().getPersistentVolumeClaim().getClaimName());
    assertTrue(c.getVolumeMounts().stream().anyMatch(m -> "/backups".equals(m.getMountPath()) && m.getReadOnly()));
    assertRestricted(pod, c);
    assertEquals("postgres:16.4", c.getImage());

    restore.setDump("todo-20260101T030000Z.dump");
    assertEquals("todo-20260101T030000Z.dump", env(PostgresRestoreJob.build(app).getSpec().getTemplate().getSpec()
        .getContainers().get(0)).get("DUMP").getValue());
  }

  @Test
  void theBackupPodMayReachTheDatabaseThroughItsNetworkPolicy() {
    var policy = PostgresNetworkPolicy.build(app());
    var from = policy.getSpec().getIngress().get(0).getFrom().stream()
        .map(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/component")).toList();
    assertTrue(from.contains("backend") && from.contains("backup"), "from: " + from);
  }

  /** The database's image (pg_dump matches the server), the script, the retention, the volume, restricted. */
  private static void assertBackupPod(PodSpec pod, String retention) {
    Container c = pod.getContainers().get(0);
    assertEquals("postgres:16.4", c.getImage());
    assertEquals(List.of("sh", "-c", BackupScripts.BACKUP), c.getCommand());
    assertTrue(BackupScripts.BACKUP.contains("pg_dump --format=custom"), "custom format");
    Map<String, EnvVar> env = env(c);
    assertEquals(retention, env.get("RETENTION").getValue());
    assertEquals("/backups", env.get("BACKUP_DIR").getValue());
    assertCredentialsFromTheSecret(env);
    assertEquals("app-backups", pod.getVolumes().stream().filter(v -> "backups".equals(v.getName())).findFirst()
        .orElseThrow().getPersistentVolumeClaim().getClaimName());
    assertTrue(c.getVolumeMounts().stream().anyMatch(m -> "/backups".equals(m.getMountPath())));
    assertEquals("Never", pod.getRestartPolicy());
    assertEquals("FallbackToLogsOnError", c.getTerminationMessagePolicy());
    assertRestricted(pod, c);
  }

  private static void assertCredentialsFromTheSecret(Map<String, EnvVar> env) {
    assertEquals("app-postgres", env.get("PGHOST").getValue());
    assertEquals("5432", env.get("PGPORT").getValue());
    for (String[] pair : new String[][] {{"PGUSER", "username"}, {"PGPASSWORD", "password"}, {"PGDATABASE", "database"}}) {
      EnvVar var = env.get(pair[0]);
      assertNull(var.getValue(), pair[0] + " is never inlined");
      assertEquals("app-postgres-credentials", var.getValueFrom().getSecretKeyRef().getName());
      assertEquals(pair[1], var.getValueFrom().getSecretKeyRef().getKey());
    }
  }

  private static void assertRestricted(PodSpec pod, Container c) {
    assertEquals(999L, pod.getSecurityContext().getRunAsUser());
    assertEquals(999L, pod.getSecurityContext().getFsGroup());
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
    assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
  }

  private static Map<String, EnvVar> env(Container c) {
    return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
  }
}
