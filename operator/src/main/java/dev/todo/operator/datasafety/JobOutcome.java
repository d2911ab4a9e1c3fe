package dev.todo.operator.datasafety;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;

/**
 * What a backup or restore Job came to, read from its status alone: still running, succeeded or
 * failed, when it finished, and the Job controller's own words for a failure. What the Job's script
 * said (its pod's termination message) is read separately, through {@link TerminationMessages}, and
 * only when a decision reports it.
 *
 * @param name the Job's name
 * @param state running, succeeded or failed
 * @param finishedAt when it finished (RFC 3339), else when it was created; "" when neither is known
 * @param jobFailure the reason and message of its Failed condition, null unless it failed
 */
public record JobOutcome(String name, State state, String finishedAt, String jobFailure) {
  /** Where a Job is in its life. */
  public enum State {
    RUNNING, SUCCEEDED, FAILED
  }

  /** What a Job's pod reported when it ended (the backup and restore scripts write one line), by Job name. */
  @FunctionalInterface
  public interface TerminationMessages {
    /** For deciding without reporting (the rollout gate): no message is ever read. */
    TerminationMessages NONE = name -> Optional.empty();

    Optional<String> of(String jobName);
  }

  public static JobOutcome of(Job job) {
    State state = succeeded(job) ? State.SUCCEEDED : condition(job, "Failed").isPresent() ? State.FAILED
        : State.RUNNING;
    String failure = condition(job, "Failed")
        .map(c -> c.getReason() + (c.getMessage() != null ? ": " + c.getMessage() : ""))
        .orElse(null);
    return new JobOutcome(job.getMetadata().getName(), state, finishedAt(job), failure);
  }

  public static List<JobOutcome> of(List<Job> jobs) {
    return jobs.stream().map(job -> of(job)).toList();
  }

  /** The Job of that name among {@code jobs}. */
  public static Optional<JobOutcome> named(List<JobOutcome> jobs, String name) {
    return jobs.stream().filter(j -> name.equals(j.name())).findFirst();
  }

  public boolean succeeded() {
    return state == State.SUCCEEDED;
  }

  public boolean failed() {
    return state == State.FAILED;
  }

  public boolean finished() {
    return state != State.RUNNING;
  }

  /** Why it failed: the script's words when its pod left any, else the Job's own reason, else where to look. */
  public String failure(TerminationMessages messages) {
    Optional<String> message = messages.of(name);
    if (message.isPresent() && !message.get().isBlank()) {
      return message.get().trim();
    }
    return jobFailure != null ? jobFailure : "see kubectl logs job/" + name;
  }

  private static boolean succeeded(Job job) {
    return condition(job, "Complete").isPresent() || (job.getStatus() != null && job.getStatus().getSucceeded() != null
        && job.getStatus().getSucceeded() > 0);
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static String finishedAt(Job job) {
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
}
