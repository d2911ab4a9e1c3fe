package dev.todo.operator.status;

import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.RestoreStatus;
import java.util.List;

/**
 * What the reconciler saw of the managed database's backups and restore, for the status.
 *
 * @param backup status.backup (null without a managed database)
 * @param restore status.restore (null without spec.database.restoreFrom)
 * @param progressingReason Restoring or BackingUp while the operator waits for a Job, else null
 * @param progressingMessage what it waits for
 * @param degradedReason the reason of {@code problems}
 * @param problems what holds the app back, each with the fix (a failed restore, a failed backup before an upgrade)
 */
public record DataSafetyReport(BackupStatus backup, RestoreStatus restore, String progressingReason,
    String progressingMessage, String degradedReason, List<String> problems) {
  public static final String RESTORING = "Restoring";
  public static final String BACKING_UP = "BackingUp";
  public static final DataSafetyReport NONE = new DataSafetyReport(null, null, null, null, null, List.of());
}
