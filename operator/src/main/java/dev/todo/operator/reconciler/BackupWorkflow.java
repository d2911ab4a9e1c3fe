package dev.todo.operator.reconciler;

import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.model.spec.ManagedDatabaseSpec;
import dev.todo.operator.model.spec.RestoreSpec;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.RestoreStatus;
import dev.todo.operator.resources.backend.BackendDeployment;
import dev.todo.operator.resources.backend.BackendRolloutGate;
import dev.todo.operator.resources.database.PostgresBackupJob;
import dev.todo.operator.resources.database.PostgresBackupPvc;
import dev.todo.operator.resources.database.PostgresRestoreJob;
import dev.todo.operator.resources.shared.ChildNames;
import dev.todo.operator.resources.shared.Labels;
import dev.todo.operator.status.BackupSchedule;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.status.TodoAppEvents;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The managed database's data-safety steps, run by the reconciler before the workflow: the on-demand
 * backup Job (one per todo.dev/backup-now value), the restore Job of spec.database.restoreFrom and the
 * backup Job before a backend image change. It decides the {@link BackendRolloutGate} (the backend waits
 * for both) and reads the Jobs' outcome for the status. The Jobs themselves are built by
 * {@link PostgresBackupJob} and {@link PostgresRestoreJob}.
 */
final class BackupWorkflow {
  /** Annotate a TodoApp with a new value to take a backup now: kubectl annotate todoapp x todo.dev/backup-now=$(date +%s). */
  static final String BACKUP_NOW = "todo.dev/backup-now";
  static final String JOBS = "backup-jobs";
  private static final Logger LOG = Logger.getLogger(BackupWorkflow.class);

  record Outcome(BackendRolloutGate gate, DataSafetyReport report) {
  }

  private BackupWorkflow() {
  }

  /** The backup and restore Jobs of every TodoApp (their CronJob's too), mapped by their instance label. */
  static InformerEventSource<Job, TodoApp> eventSource(EventSourceContext<TodoApp> context) {
    var config = InformerEventSourceConfiguration.from(Job.class, TodoApp.class)
        .withName(JOBS)
        .withNamespacesInheritedFromController()
        .withLabelSelector(Labels.BACKUP_SELECTOR)
        .withSecondaryToPrimaryMapper(job -> job.getMetadata().getLabels() == null
            || job.getMetadata().getLabels().get(Labels.INSTANCE) == null ? Set.of()
            : Set.of(new ResourceID(job.getMetadata().getLabels().get(Labels.INSTANCE),
                job.getMetadata().getNamespace())))
        .build();
    return CompactCache.eventSource(config, context);
  }

  static Outcome run(TodoApp app, Context<TodoApp> context, Deployment backend, Instant now) {
    if (app.getSpec().database().mode() != DatabaseMode.MANAGED) {
      return new Outcome(BackendRolloutGate.OPEN, DataSafetyReport.NONE);
    }
    KubernetesClient client = context.getClient();
    List<Job> jobs = context.getSecondaryResourcesAsStream(Job.class)
        .filter(j -> app.getMetadata().getNamespace().equals(j.getMetadata().getNamespace()))
        .toList();
    ManagedDatabaseSpec db = app.getSpec().getDatabase().getManaged();
    var previous = app.getStatus();
    BackupStatus backup = copy(previous == null ? null : previous.getBackup());
    List<String> problems = new ArrayList<>();
    String degradedReason = null;
    String progressingReason = null;
    String progressingMessage = null;

    // 1. On demand: one Job per annotation value; the value is remembered, so a deleted Job is not re-run.
    String asked = annotation(app, BACKUP_NOW);
    if (asked != null && !asked.equals(backup.getLastOnDemand())) {
      Job job = PostgresBackupJob.onDemand(app, asked);
      create(client, app, jobs, job, "On-demand backup (" + BACKUP_NOW + "=" + asked + "): started Job "
          + job.getMetadata().getName());
      backup.setLastOnDemand(asked);
    }

    // 2. Restore into the new database, before the backend exists.
    RestoreStatus restore = restore(app, client, jobs, previous == null ? null : previous.getRestore());
    boolean waitForRestore = restore != null && !RestoreStatus.RESTORED.equals(restore.getPhase());
    if (restore != null && RestoreStatus.FAILED.equals(restore.getPhase())) {
      problems.add("Restore of " + restore.getSource() + " failed: " + restore.getMessage() + ". The database was"
          + " not changed and the backend was not started: fix spec.database.restoreFrom, or remove it and delete"
          + " Job " + ChildNames.restoreJob(app) + " to start with an empty database");
      degradedReason = "RestoreFailed";
    } else if (waitForRestore) {
      progressingReason = DataSafetyReport.RESTORING;
      progressingMessage = "Restoring " + restore.getSource() + " into the new database (Job "
          + ChildNames.restoreJob(app) + "); the backend starts when it is done.";
    }

    // 3. A backup before the backend image changes; the backend keeps its image until it succeeded.
    String held = null;
    if (backend != null && db.backup().beforeUpgrade()) {
      String running = BackendDeployment.appliedImage(backend);
      String wanted = app.getSpec().backend().image();
      if (running != null && !running.equals(wanted)) {
        Job desired = PostgresBackupJob.beforeUpgrade(app, wanted,
            running + " -> " + wanted + " at generation " + app.getMetadata().getGeneration());
        String name = desired.getMetadata().getName();
        Optional<Job> job = find(jobs, name);
        if (job.isEmpty()) {
          create(client, app, jobs, desired, "Backing up the database before the backend rolls from " + running
              + " to " + wanted + ": started Job " + name);
          held = running;
        } else if (failed(job.get())) {
          held = running;
          problems.add("The backup before upgrading the backend to " + wanted + " failed (Job " + name + ": "
              + failure(client, job.get()) + "); the backend stays on " + running + ". Fix the cause and delete"
              + " Job " + name + " to try again, or set spec.database.managed.backup.beforeUpgrade to false to"
              + " upgrade without a backup");
          degradedReason = degradedReason == null ? "BackupBeforeUpgradeFailed" : degradedReason;
        } else if (!succeeded(job.get())) {
          held = running;
        }
        if (held != null && progressingReason == null) {
          progressingReason = DataSafetyReport.BACKING_UP;
          progressingMessage = "Backing up the database (Job " + name + ") before the backend rolls from "
              + running + " to " + wanted + ".";
        }
      }
    }

    // 4. deleteDataOnRemoval, set or unset at any time: the TodoApp owns the backup volume, or not.
    ownBackupVolume(app, context, db.deleteDataOnRemoval());

    // 5. The last finished backup, whatever started it, and the next scheduled one.
    lastFinished(jobs, ChildNames.restoreJob(app)).ifPresent(job -> {
      if (!job.getMetadata().getName().equals(backup.getLastBackupJob())
          || !Objects.equals(backup.getLastBackupSucceeded(), succeeded(job))) {
        record(backup, client, job);
      }
    });
    backup.setNextScheduledTime(db.backup().scheduled()
        ? BackupSchedule.next(db.backup().getSchedule(), now).map(Instant::toString).orElse(null) : null);

    return new Outcome(new BackendRolloutGate(held, waitForRestore),
        new DataSafetyReport(backup, restore, progressingReason, progressingMessage, degradedReason, problems));
  }

  private static void ownBackupVolume(TodoApp app, Context<TodoApp> context, boolean owned) {
    String name = ChildNames.backups(app);
    Optional<PersistentVolumeClaim> pvc = context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
        .filter(p -> name.equals(p.getMetadata().getName())
            && app.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()))
        .findFirst();
    if (pvc.isEmpty() || PostgresBackupPvc.ownedBy(pvc.get(), app) == owned) {
      return;
    }
    OwnerReference owner = PostgresBackupPvc.build(app).getMetadata().getOwnerReferences() == null ? null
        : PostgresBackupPvc.build(app).getMetadata().getOwnerReferences().get(0);
    context.getClient().persistentVolumeClaims().inNamespace(app.getMetadata().getNamespace()).withName(name)
        .edit(p -> {
          List<OwnerReference> owners = new ArrayList<>(p.getMetadata().getOwnerReferences() == null ? List.of()
              : p.getMetadata().getOwnerReferences());
          owners.removeIf(o -> app.getMetadata().getUid().equals(o.getUid()));
          if (owned && owner != null) {
            owners.add(owner);
          }
          p.getMetadata().setOwnerReferences(owners);
          return p;
        });
    TodoAppEvents.emit(context.getClient(), app, "Normal", owned ? "DataDeletedWithTodoApp" : "DataKeptWithoutTodoApp",
        "PersistentVolumeClaim " + name + (owned ? " is now deleted with the TodoApp" : " now outlives the TodoApp")
            + " (spec.database.managed.deleteDataOnRemoval: " + owned + ")");
  }

  private static RestoreStatus restore(TodoApp app, KubernetesClient client, List<Job> jobs, RestoreStatus previous) {
    RestoreSpec spec = app.getSpec().getDatabase().getRestoreFrom();
    if (spec == null) {
      // Once restored, the record stays; a restore that never finished is forgotten with its spec.
      return previous != null && RestoreStatus.RESTORED.equals(previous.getPhase()) ? previous : null;
    }
    String source = spec.getPvc() + "/" + spec.dump();
    if (previous != null && RestoreStatus.RESTORED.equals(previous.getPhase())) {
      return previous; // a restore happens once, when the TodoApp is created
    }
    Optional<Job> job = find(jobs, ChildNames.restoreJob(app));
    if (job.isPresent() && previous != null && !source.equals(previous.getSource())) {
      // spec.database.restoreFrom changed after a failed restore: run the new one.
      delete(client, job.get());
      return new RestoreStatus(RestoreStatus.RESTORING, source, "Restarting with the new restoreFrom.");
    }
    if (job.isEmpty()) {
      if (previous != null && RestoreStatus.FAILED.equals(previous.getPhase()) && source.equals(previous.getSource())) {
        // The user deleted the failed Job: try again.
        LOG.infof("TodoApp %s: restore Job deleted after a failure, running it again", app.getMetadata().getName());
      }
      create(client, app, jobs, PostgresRestoreJob.build(app), "Restoring " + source + " into the new database: started"
          + " Job " + ChildNames.restoreJob(app));
      return new RestoreStatus(RestoreStatus.RESTORING, source, "Job " + ChildNames.restoreJob(app) + " started.");
    }
    if (succeeded(job.get())) {
      String message = terminationMessage(client, job.get()).orElse("restored " + source);
      TodoAppEvents.emit(client, app, "Normal", "Restored", "Database restored from " + source + ": " + message);
      return new RestoreStatus(RestoreStatus.RESTORED, source, message);
    }
    if (failed(job.get())) {
      if (previous != null && RestoreStatus.FAILED.equals(previous.getPhase()) && source.equals(previous.getSource())) {
        return previous;
      }
      return new RestoreStatus(RestoreStatus.FAILED, source, failure(client, job.get()));
    }
    return new RestoreStatus(RestoreStatus.RESTORING, source, "Job " + ChildNames.restoreJob(app) + " is running.");
  }

  private static void record(BackupStatus backup, KubernetesClient client, Job job) {
    backup.setLastBackupJob(job.getMetadata().getName());
    backup.setLastBackupTime(finishedAt(job));
    if (succeeded(job)) {
      backup.setLastBackupSucceeded(true);
      backup.setLastBackupReason(null);
      // The backup script reports "<dump> <bytes>" as its termination message.
      String[] report = terminationMessage(client, job).orElse("").trim().split("\\s+");
      backup.setLastBackup(report.length == 2 && report[0].endsWith(".dump") ? report[0] : null);
      backup.setLastBackupSize(report.length == 2 && report[1].matches("[0-9]{1,18}") ? Long.valueOf(report[1]) : null);
    } else {
      backup.setLastBackupSucceeded(false);
      backup.setLastBackupReason(failure(client, job));
      backup.setLastBackup(null);
      backup.setLastBackupSize(null);
    }
  }

  /** The newest backup Job that finished, by the time it finished. */
  static Optional<Job> lastFinished(List<Job> jobs, String restoreJob) {
    return jobs.stream()
        .filter(j -> !restoreJob.equals(j.getMetadata().getName()))
        .filter(j -> succeeded(j) || failed(j))
        .max(Comparator.comparing(BackupWorkflow::finishedAt));
  }

  static boolean succeeded(Job job) {
    return condition(job, "Complete") || (job.getStatus() != null && job.getStatus().getSucceeded() != null
        && job.getStatus().getSucceeded() > 0);
  }

  static boolean failed(Job job) {
    return condition(job, "Failed");
  }

  private static boolean condition(Job job, String type) {
    return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
        .stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static String finishedAt(Job job) {
    if (job.getStatus() != null && job.getStatus().getCompletionTime() != null) {
      return job.getStatus().getCompletionTime();
    }
    if (job.getStatus() != null && job.getStatus().getConditions() != null) {
      for (JobCondition c : job.getStatus().getConditions()) {
        if (("Failed".equals(c.getType()) || "Complete".equals(c.getType())) && c.getLastTransitionTime() != null) {
          return c.getLastTransitionTime();
        }
      }
    }
    return job.getMetadata().getCreationTimestamp() == null ? "" : job.getMetadata().getCreationTimestamp();
  }

  /** Why a Job failed: its pod's termination message (the script's words), else the Job's own reason. */
  private static String failure(KubernetesClient client, Job job) {
    Optional<String> message = terminationMessage(client, job);
    if (message.isPresent() && !message.get().isBlank()) {
      return message.get().trim();
    }
    if (job.getStatus() != null && job.getStatus().getConditions() != null) {
      for (JobCondition c : job.getStatus().getConditions()) {
        if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
          return c.getReason() + (c.getMessage() != null ? ": " + c.getMessage() : "");
        }
      }
    }
    return "see kubectl logs job/" + job.getMetadata().getName();
  }

  private static Optional<String> terminationMessage(KubernetesClient client, Job job) {
    try {
      List<Pod> pods = client.pods().inNamespace(job.getMetadata().getNamespace())
          .withLabel("job-name", job.getMetadata().getName()).list().getItems();
      return pods.stream()
          .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
          .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed())
          .flatMap(p -> p.getStatus().getContainerStatuses().stream())
          .map(ContainerStatus::getState)
          .filter(s -> s != null && s.getTerminated() != null && s.getTerminated().getMessage() != null)
          .map(s -> s.getTerminated().getMessage().trim())
          .map(m -> m.length() > 500 ? m.substring(m.length() - 500) : m)
          .findFirst();
    } catch (KubernetesClientException e) {
      LOG.debugf(e, "Could not read the pods of Job %s", job.getMetadata().getName());
      return Optional.empty();
    }
  }

  private static Optional<Job> find(List<Job> jobs, String name) {
    return jobs.stream().filter(j -> name.equals(j.getMetadata().getName())).findFirst();
  }

  /** Creates the Job unless the cache or the API server already has it (the cache may lag behind our writes). */
  private static void create(KubernetesClient client, TodoApp app, List<Job> jobs, Job job, String event) {
    if (find(jobs, job.getMetadata().getName()).isPresent()) {
      return;
    }
    try {
      client.batch().v1().jobs().inNamespace(app.getMetadata().getNamespace()).resource(job).create();
      TodoAppEvents.emit(client, app, "Normal", "BackupJobStarted", event);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private static void delete(KubernetesClient client, Job job) {
    client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
        .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
  }

  private static String annotation(TodoApp app, String key) {
    var annotations = app.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(key);
    return value == null || value.isBlank() ? null : value;
  }

  private static BackupStatus copy(BackupStatus from) {
    BackupStatus to = new BackupStatus();
    if (from != null) {
      to.setLastBackup(from.getLastBackup());
      to.setLastBackupJob(from.getLastBackupJob());
      to.setLastBackupTime(from.getLastBackupTime());
      to.setLastBackupSize(from.getLastBackupSize());
      to.setLastBackupSucceeded(from.getLastBackupSucceeded());
      to.setLastBackupReason(from.getLastBackupReason());
      to.setLastOnDemand(from.getLastOnDemand());
    }
    return to;
  }
}
