package dev.todo.operator.status;

/**
 * Something that keeps a TodoApp from working as asked: a reason for machines (the Degraded
 * condition's, when it is the first problem) and a message for people that names the fix. Each
 * contributor says which kind of problem it found; nothing reads the kind back out of the message.
 */
public record Problem(Reason reason, String message) {
  /** The kinds of problems, each with the CamelCase reason the Degraded condition shows. */
  public enum Reason {
    /** A Secret the user referenced does not exist or lacks the key. */
    SECRET_MISSING("SecretMissing"),
    /** Autoscaling or disruption budgets asked for on a cluster that does not serve their API. */
    API_NOT_SERVED("ApiNotServed"),
    /** A pod cannot pull its image, keeps crashing, cannot start or cannot be scheduled. */
    PODS_FAILING("PodsFailing"),
    /** The restore of spec.database.restoreFrom failed; the backend was not started. */
    RESTORE_FAILED("RestoreFailed"),
    /** The backup before a backend image change failed; the backend stays on its image. */
    BACKUP_BEFORE_UPGRADE_FAILED("BackupBeforeUpgradeFailed");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
