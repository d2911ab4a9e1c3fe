package dev.todo.operator.status;

/** The condition types and phases a TodoApp reports. */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  public static final String PHASE_PENDING = "Pending";
  public static final String PHASE_PROGRESSING = "Progressing";
  public static final String PHASE_READY = "Ready";
  public static final String PHASE_DEGRADED = "Degraded";

  private ConditionTypes() {
  }
}
