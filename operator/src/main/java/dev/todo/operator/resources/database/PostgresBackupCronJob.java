package dev.todo.operator.resources.database;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Map;

/**
 * {@code <name>-backup}: the scheduled backups of spec.database.managed.backup.schedule, the same pod
 * as {@link PostgresBackupJob}. One at a time (a slow dump is never overlapped by the next); the last
 * three successful and failed Jobs stay for kubectl logs.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.BACKUP_SELECTOR))
public class PostgresBackupCronJob extends TodoAppDependent<CronJob> {

  public PostgresBackupCronJob() {
    super(CronJob.class, ChildNames::backupCronJob);
  }

  @Override
  protected CronJob desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static CronJob build(TodoApp app) {
    BackupSpec backup = PostgresBackupJob.managed(app).backup();
    return new CronJobBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.backupCronJob(app), Component.BACKUP))
        .withNewSpec()
        .withSchedule(backup.getSchedule())
        .withConcurrencyPolicy("Forbid")
        .withStartingDeadlineSeconds(3600L)
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(Labels.of(app, Component.BACKUP))
        .withAnnotations(Map.of(PostgresBackupJob.TRIGGER, PostgresBackupJob.SCHEDULED))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(PostgresBackupJob.BACKUP_DEADLINE_SECONDS)
        .withTemplate(PostgresBackupJob.podTemplate(app))
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  /** Reconcile precondition: a managed database with a backup schedule. */
  public static class Wanted implements Condition<CronJob, TodoApp> {
    @Override
    public boolean isMet(DependentResource<CronJob, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
      return app.getSpec().database().mode() == DatabaseMode.MANAGED
          && PostgresBackupJob.managed(app).backup().scheduled();
    }
  }
}
