package dev.todo.operator.metrics;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.Condition;
import dev.todo.operator.status.BackupSchedule;
import dev.todo.operator.status.ConditionTypes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The values one TodoApp contributes to /q/metrics, read from what its status says (the same facts
 * {@code kubectl get todoapps} shows) and its spec's backup schedule. Empty values are series the
 * TodoApp does not have: no backup finished yet, no schedule, no managed database.
 *
 * @param ready 1 when the Ready condition is True, else 0
 * @param phase status.phase, or Pending before the first status
 * @param createdSeconds metadata.creationTimestamp, in seconds since the epoch
 * @param backupLastSucceeded 1 or 0: whether the last finished backup succeeded
 * @param backupLastSuccessSeconds when the last finished backup ended, if it succeeded
 * @param backupIntervalSeconds the time between two runs of the backup schedule
 */
public record TodoAppSeries(double ready, String phase, OptionalDouble createdSeconds,
    OptionalDouble backupLastSucceeded, OptionalDouble backupLastSuccessSeconds, OptionalDouble backupIntervalSeconds) {

  /** The phases a TodoApp can be in, each a series of todo_operator_todoapp_status_phase. */
  public static final String[] PHASES = {ConditionTypes.PHASE_PENDING, ConditionTypes.PHASE_PROGRESSING,
      ConditionTypes.PHASE_RESTORING, ConditionTypes.PHASE_READY, ConditionTypes.PHASE_DEGRADED};

  /** {@code now} places the schedule: the interval is between its next two runs after it. */
  public static TodoAppSeries of(TodoApp app, TodoAppStatus status, Instant now) {
    double ready = status != null && status.getConditions() != null && status.getConditions().stream()
        .anyMatch(TodoAppSeries::isReady) ? 1 : 0;
    String phase = status == null || status.getPhase() == null ? ConditionTypes.PHASE_PENDING : status.getPhase();
    BackupStatus backup = status == null ? null : status.getBackup();
    OptionalDouble lastSucceeded = OptionalDouble.empty();
    OptionalDouble lastSuccess = OptionalDouble.empty();
    if (backup != null && backup.getLastBackupSucceeded() != null) {
      lastSucceeded = OptionalDouble.of(backup.getLastBackupSucceeded() ? 1 : 0);
      if (backup.getLastBackupSucceeded()) {
        lastSuccess = seconds(backup.getLastBackupTime());
      }
    }
    return new TodoAppSeries(ready, phase, seconds(app.getMetadata().getCreationTimestamp()), lastSucceeded,
        lastSuccess, interval(app, now));
  }

  private static OptionalDouble interval(TodoApp app, Instant now) {
    if (app.getSpec() == null || app.getSpec().database().mode() != DatabaseMode.MANAGED
        || app.getSpec().database().getManaged() == null) {
      return OptionalDouble.empty();
    }
    BackupSpec backup = app.getSpec().database().getManaged().backup();
    if (!backup.scheduled()) {
      return OptionalDouble.empty();
    }
    Optional<Instant> first = BackupSchedule.next(backup.getSchedule(), now);
    Optional<Instant> second = first.flatMap(t -> BackupSchedule.next(backup.getSchedule(), t));
    return second.isPresent()
        ? OptionalDouble.of(Duration.between(first.get(), second.get()).toSeconds())
        : OptionalDouble.empty();
  }

  private static OptionalDouble seconds(String rfc3339) {
    if (rfc3339 == null || rfc3339.isBlank()) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(OffsetDateTime.parse(rfc3339).toInstant().toEpochMilli() / 1000.0);
    } catch (DateTimeParseException e) {
      return OptionalDouble.empty();
    }
  }

  private static boolean isReady(Condition c) {
    return ConditionTypes.READY.equals(c.getType()) && "True".equals(c.getStatus());
  }
}
