package dev.todo.operator.resources.backend;

import dev.todo.operator.model.TodoApp;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What the reconciler decided about the backend before the workflow runs, for the data's sake:
 * keep it on the image it runs until the backup before an upgrade succeeded, and do not create it
 * while the database is being restored.
 *
 * @param heldImage the image to keep running instead of spec.backend.image, or null to roll as asked
 * @param waitForRestore true while spec.database.restoreFrom is being (or failed to be) restored
 */
public record BackendRolloutGate(String heldImage, boolean waitForRestore) {
  public static final BackendRolloutGate OPEN = new BackendRolloutGate(null, false);
  static final String KEY = "backend-rollout-gate";

  /** Hands the gate to the workflow's dependents. */
  public void putInto(Context<TodoApp> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }

  static BackendRolloutGate of(Context<TodoApp> context) {
    if (context == null) {
      return OPEN;
    }
    return context.managedWorkflowAndDependentResourceContext().get(KEY, BackendRolloutGate.class).orElse(OPEN);
  }
}
