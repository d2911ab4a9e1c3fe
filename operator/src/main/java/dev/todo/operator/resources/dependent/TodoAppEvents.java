package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.Condition;
import dev.todo.operator.status.ConditionTypes;
import dev.todo.operator.status.StatusAggregator;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a TodoApp, so kubectl describe todoapp tells the story: one Event per
 * transition of the TodoApp, not one per child (as Kubernetes' own controllers and Keycloak's do).
 * Creating a TodoApp records one "Created" Event that lists every child made for it, then "Ready"
 * when it first works; a Warning when it turns Degraded (with the reason), a backup's result, the
 * data-safety steps (a backup started, a restore finished) and children put back to their desired
 * state after a hand edit (one "Updated" Event per reconcile, listing them). Each Event is a write
 * to the API server: at 100 TodoApps, one per child was 15 of the operator's 33 writes per TodoApp.
 */
public final class TodoAppEvents {
  private static final Logger LOG = Logger.getLogger(TodoAppEvents.class);
  public static final String SOURCE = "todo-operator";
  /** Normal and Warning, the two Event types Kubernetes knows. */
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  /**
   * Children created (and put back) for each TodoApp, by uid, since its last Event about them. A new
   * TodoApp's children can take more than one reconcile (the backend waits for a restore, a refused
   * apply is retried), so its "Created" Event waits until all its workloads exist.
   * Held in memory only: after a restart the Event lists what was created since.
   */
  private static final Map<String, Changes> UNANNOUNCED = new ConcurrentHashMap<>();

  /** What was done to a TodoApp's children and not told yet: "Kind name" of each. */
  private record Changes(List<String> created, List<String> updated) {
    Changes() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  /** An Event to record: Normal or Warning, a CamelCase reason, a message for people. */
  public record Notice(String type, String reason, String message) {
  }

  private TodoAppEvents() {
  }

  public static Event build(TodoApp app, String type, String reason, String message, Instant now) {
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withName(app.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000)))
        .withNamespace(app.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(app.getApiVersion())
            .withKind(app.getKind())
            .withName(app.getMetadata().getName())
            .withNamespace(app.getMetadata().getNamespace())
            .withUid(app.getMetadata().getUid())
            .withResourceVersion(app.getMetadata().getResourceVersion())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .withNewSource().withComponent(SOURCE).endSource()
        .withReportingComponent(SOURCE)
        .build();
  }

  /** Best effort: a refused Event must never fail a reconcile. */
  public static void emit(KubernetesClient client, TodoApp app, String type, String reason, String message) {
    try {
      client.v1().events().inNamespace(app.getMetadata().getNamespace())
          .resource(build(app, type, reason, message, Instant.now())).create();
    } catch (RuntimeException e) {
      LOG.debugf(e, "Could not record event %s on TodoApp %s", reason, app.getMetadata().getName());
    }
  }

  /** Notes a child the operator created; told in the TodoApp's next "Created" Event ({@link #announce}). */
  public static void created(TodoApp app, HasMetadata child) {
    Changes changes = changes(app);
    synchronized (changes) {
      changes.created().add(child.getKind() + " " + child.getMetadata().getName());
    }
  }

  /** Notes a child the operator put back to its desired state; told at the end of this reconcile. */
  public static void updated(TodoApp app, HasMetadata child) {
    Changes changes = changes(app);
    synchronized (changes) {
      changes.updated().add(child.getKind() + " " + child.getMetadata().getName());
    }
  }

  private static Changes changes(TodoApp app) {
    // Dependents run in parallel on the workflow threads: the lists are read and written under the entry's lock.
    return UNANNOUNCED.computeIfAbsent(key(app), k -> new Changes());
  }

  private static String key(TodoApp app) {
    return app.getMetadata().getUid() != null ? app.getMetadata().getUid()
        : app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
  }

  /**
   * After a reconcile: the Events its changes to the children and to the status call for, recorded.
   * Children created are told in one Event once {@code allCreated} (every workload of the TodoApp
   * exists), so a new TodoApp gets one "Created" Event, however many reconciles made its children.
   */
  public static void announce(KubernetesClient client, TodoApp app, boolean allCreated, TodoAppStatus before,
      TodoAppStatus after) {
    List<Notice> notices = new ArrayList<>();
    Changes changes = UNANNOUNCED.get(key(app));
    if (changes != null) {
      synchronized (changes) {
        if (!changes.updated().isEmpty()) {
          notices.add(new Notice(NORMAL, "Updated", listing("Put back to the desired state", changes.updated())));
          changes.updated().clear();
        }
        if (allCreated && !changes.created().isEmpty()) {
          notices.add(new Notice(NORMAL, "Created", listing("Created", changes.created())));
          changes.created().clear();
        }
        if (changes.created().isEmpty() && changes.updated().isEmpty()) {
          UNANNOUNCED.remove(key(app), changes);
        }
      }
    }
    notices.addAll(transitions(before, after));
    notices.forEach(n -> emit(client, app, n.type(), n.reason(), n.message()));
  }

  /** Forgets what was not told about a TodoApp that is gone. */
  public static void forget(TodoApp app) {
    UNANNOUNCED.remove(key(app));
  }

  /** "Created 3: ConfigMap a-config, Secret a-jwt, Service a-backend". */
  static String listing(String verb, List<String> children) {
    return verb + " " + children.size() + ": " + String.join(", ", children);
  }

  /**
   * The Events a change of status calls for: Ready when the TodoApp turns Ready, a Warning when it
   * turns Degraded or is Degraded for another reason than before, and a backup's result when a new
   * one is recorded. An unchanged status calls for none.
   */
  public static List<Notice> transitions(TodoAppStatus before, TodoAppStatus after) {
    List<Notice> notices = new ArrayList<>();
    if (after == null || Objects.equals(before, after)) {
      return notices;
    }
    Condition degraded = StatusAggregator.find(after, ConditionTypes.DEGRADED);
    Condition degradedBefore = StatusAggregator.find(before, ConditionTypes.DEGRADED);
    if (isTrue(degraded) && (!isTrue(degradedBefore) || !Objects.equals(degradedBefore.getMessage(),
        degraded.getMessage()))) {
      notices.add(new Notice(WARNING, degraded.getReason(), degraded.getMessage()));
    }
    Condition ready = StatusAggregator.find(after, ConditionTypes.READY);
    if (isTrue(ready) && !isTrue(StatusAggregator.find(before, ConditionTypes.READY))) {
      notices.add(new Notice(NORMAL, "Ready", ready.getMessage()));
    }
    BackupStatus backup = after.getBackup();
    BackupStatus backupBefore = before == null ? null : before.getBackup();
    if (backup != null && backup.getLastBackupSucceeded() != null && backup.getLastBackupJob() != null
        && (backupBefore == null || !Objects.equals(backupBefore.getLastBackupJob(), backup.getLastBackupJob()))) {
      Condition failed = StatusAggregator.find(after, ConditionTypes.BACKUP_FAILED);
      notices.add(backup.getLastBackupSucceeded()
          ? new Notice(NORMAL, "BackupSucceeded", failed != null ? failed.getMessage()
              : "Backup " + backup.getLastBackup() + " (Job " + backup.getLastBackupJob() + ") succeeded.")
          : new Notice(WARNING, "BackupFailed", failed != null ? failed.getMessage()
              : "Backup Job " + backup.getLastBackupJob() + " failed: " + backup.getLastBackupReason()));
    }
    return notices;
  }

  private static boolean isTrue(Condition c) {
    return c != null && "True".equals(c.getStatus());
  }
}
