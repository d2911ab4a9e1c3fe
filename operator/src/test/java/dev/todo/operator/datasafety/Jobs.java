package dev.todo.operator.datasafety;

import dev.todo.operator.TestApps;
import dev.todo.operator.datasafety.JobOutcome.State;
import dev.todo.operator.datasafety.JobOutcome.TerminationMessages;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Observed Jobs and TodoApps for the decision tests: no cluster, just what the decisions read. */
final class Jobs {
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private Jobs() {
  }

  /** A managed database, backend image todo-backend:dev, generation 4, uid uid-app. */
  static TodoApp app() {
    TodoApp app = TestApps.withUid(TestApps.full("app", "ns"));
    app.getMetadata().setGeneration(4L);
    return app;
  }

  static TodoApp withStatus(TodoApp app, TodoAppStatus status) {
    app.setStatus(status);
    return app;
  }

  static JobOutcome running(String name) {
    return new JobOutcome(name, State.RUNNING, "2026-11-29T11:00:00Z", null);
  }

  static JobOutcome succeeded(String name, String at) {
    return new JobOutcome(name, State.SUCCEEDED, at, null);
  }

  static JobOutcome failed(String name, String at) {
    return new JobOutcome(name, State.FAILED, at, "BackoffLimitExceeded: Job has reached the specified backoff limit");
  }

  static List<JobOutcome> jobs(JobOutcome... jobs) {
    return Arrays.asList(jobs);
  }

  /** The termination messages the Jobs' pods left, by Job name. */
  static TerminationMessages messages(Map<String, String> byJob) {
    return name -> Optional.ofNullable(byJob.get(name));
  }

  static DataSafetyInputs inputs(String runningBackendImage, List<JobOutcome> jobs, Map<String, String> messages) {
    return new DataSafetyInputs(jobs, runningBackendImage == null ? null
        : new RunningBackend(runningBackendImage, BackupBeforeUpgradeTest.SINCE), messages(messages), NOW);
  }
}
