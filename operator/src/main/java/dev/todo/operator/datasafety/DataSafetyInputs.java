package dev.todo.operator.datasafety;

import dev.todo.operator.datasafety.JobOutcome.TerminationMessages;
import java.time.Instant;
import java.util.List;

/**
 * What the data-safety decisions observe besides the TodoApp (its spec and previous status).
 *
 * @param jobs the TodoApp's backup and restore Jobs (its CronJob's included)
 * @param runningBackend the image the backend Deployment last had applied and since when, null before it exists
 * @param messages what a finished Job's pod reported, read only when a decision reports it
 * @param now for the next scheduled backup
 */
public record DataSafetyInputs(List<JobOutcome> jobs, RunningBackend runningBackend, TerminationMessages messages,
    Instant now) {
}
