package dev.todo.operator.status;

/** status.phase: one word for the whole TodoApp, computed by {@link StatusAggregator} alone. */
public enum Phase {
  /** The workloads are not created yet. */
  PENDING(ConditionTypes.PHASE_PENDING),
  /** A rollout, or the backup before one, is under way. */
  PROGRESSING(ConditionTypes.PHASE_PROGRESSING),
  /** spec.database.restoreFrom is being loaded into the new database; the backend waits. */
  RESTORING(ConditionTypes.PHASE_RESTORING),
  READY(ConditionTypes.PHASE_READY),
  /** Something needs the user: an invalid spec, a problem, a failed reconcile. */
  DEGRADED(ConditionTypes.PHASE_DEGRADED);

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
