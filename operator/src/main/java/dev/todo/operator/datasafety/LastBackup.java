package dev.todo.operator.datasafety;

import dev.todo.operator.datasafety.JobOutcome.TerminationMessages;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.status.BackupSchedule;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * status.backup: the last finished backup, whatever started it (the schedule, on demand, before an
 * upgrade), and when the schedule runs next. A finished Job's pod is read once, when the Job or its
 * result is new to the status.
 */
final class LastBackup {
  private LastBackup() {
  }

  static BackupStatus record(BackupStatus previous, String lastOnDemand, List<JobOutcome> jobs, String restoreJob,
      TerminationMessages messages, BackupSpec spec, Instant now) {
    BackupStatus backup = copy(previous);
    backup.setLastOnDemand(lastOnDemand);
    lastFinished(jobs, restoreJob).ifPresent(job -> {
      if (!job.name().equals(backup.getLastBackupJob())
          || !Objects.equals(backup.getLastBackupSucceeded(), job.succeeded())) {
        record(backup, job, messages);
      }
    });
    backup.setNextScheduledTime(spec.scheduled()
        ? BackupSchedule.next(spec.getSchedule(), now).map(Instant::toString).orElse(null) : null);
    return backup;
  }

  /** The newest backup Job that finished, by the time it finished. */
  static Optional<JobOutcome> lastFinished(List<JobOutcome> jobs, String restoreJob) {
    return jobs.stream()
        .filter(j -> !restoreJob.equals(j.name()))
        .filter(JobOutcome::finished)
        .max(Comparator.comparing(JobOutcome::finishedAt));
  }

  private static void record(BackupStatus backup, JobOutcome job, TerminationMessages messages) {
    backup.setLastBackupJob(job.name());
    backup.setLastBackupTime(job.finishedAt());
    backup.setLastBackupSucceeded(job.succeeded());
    if (job.succeeded()) {
      backup.setLastBackupReason(null);
      // The backup script reports "<dump> <bytes>" as its termination message.
      String[] report = messages.of(job.name()).orElse("").trim().split("\\s+");
      backup.setLastBackup(report.length == 2 && report[0].endsWith(".dump") ? report[0] : null);
      backup.setLastBackupSize(report.length == 2 && report[1].matches("[0-9]{1,18}") ? Long.valueOf(report[1]) : null);
    } else {
      backup.setLastBackupReason(job.failure(messages));
      backup.setLastBackup(null);
      backup.setLastBackupSize(null);
    }
  }

  /** The previous record, without its next scheduled time (computed anew). */
  private static BackupStatus copy(BackupStatus from) {
    BackupStatus to = new BackupStatus();
    if (from != null) {
      to.setLastBackup(from.getLastBackup());
      to.setLastBackupJob(from.getLastBackupJob());
      to.setLastBackupTime(from.getLastBackupTime());
      to.setLastBackupSize(from.getLastBackupSize());
      to.setLastBackupSucceeded(from.getLastBackupSucceeded());
      to.setLastBackupReason(from.getLastBackupReason());
      to.setLastOnDemand(from.getLastOnDemand());
    }
    return to;
  }
}
