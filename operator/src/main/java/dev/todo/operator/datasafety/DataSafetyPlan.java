package dev.todo.operator.datasafety;

import dev.todo.operator.status.DataSafetyReport;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/**
 * What the data-safety decisions ask for: Jobs to start, Jobs to delete, Events to record, what the
 * backend may do ({@link RolloutGate}) and what the status reports.
 *
 * @param start the Jobs to create, each unless it exists already
 * @param delete the names of Jobs to delete (a failed restore Job whose spec.database.restoreFrom changed)
 * @param events Normal Events to record on the TodoApp
 */
public record DataSafetyPlan(List<JobStart> start, List<String> delete, List<Notice> events, RolloutGate gate,
    DataSafetyReport report) {
  /** Nothing to do, nothing to report: no managed database. */
  public static final DataSafetyPlan NOTHING = new DataSafetyPlan(List.of(), List.of(), List.of(), RolloutGate.OPEN,
      DataSafetyReport.NONE);

  /** A Job to create, and the message of the Event that records it. */
  public record JobStart(Job job, String message) {
  }

  /** An Event to record on the TodoApp. */
  public record Notice(String reason, String message) {
  }
}
