package dev.todo.operator.resources.database;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.RestoreSpec;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <name>-restore}: loads spec.database.restoreFrom's dump into the new managed database, once,
 * before the backend Deployment is created. Mounts the backup volume read-only; its script refuses a
 * missing dump or a database that already holds tables, changing nothing.
 */
public final class PostgresRestoreJob {
  static final long RESTORE_DEADLINE_SECONDS = 3600;

  private PostgresRestoreJob() {
  }

  public static Job build(TodoApp app) {
    RestoreSpec restore = app.getSpec().getDatabase().getRestoreFrom();
    List<EnvVar> env = new ArrayList<>(PostgresBackupJob.connection(app));
    env.add(new EnvVar("BACKUP_DIR", PostgresBackupJob.BACKUP_DIR, null));
    env.add(new EnvVar("BACKUP_PVC", restore.getPvc(), null));
    env.add(new EnvVar("DUMP", restore.dump(), null));
    return new JobBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.restoreJob(app), Component.BACKUP))
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(RESTORE_DEADLINE_SECONDS)
        .withTemplate(PostgresBackupJob.pod(app, "restore", BackupScripts.RESTORE, env, restore.getPvc(), true))
        .endSpec()
        .build();
  }
}
