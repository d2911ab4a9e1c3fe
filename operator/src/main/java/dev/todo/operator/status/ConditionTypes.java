package dev.todo.operator.status;

/** The condition types and phases a TodoApp reports. */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  /** Managed database only, once a backup finished: True when the last one failed. */
  public static final String BACKUP_FAILED = "BackupFailed";

  public static final String PHASE_PENDING = "Pending";
  public static final String PHASE_PROGRESSING = "Progressing";
  public static final String PHASE_READY = "Ready";
  public static final String PHASE_DEGRADED = "Degraded";
  /** spec.database.restoreFrom is being loaded into the new database; the backend waits. */
  public static final String PHASE_RESTORING = "Restoring";

  private ConditionTypes() {
  }
}
