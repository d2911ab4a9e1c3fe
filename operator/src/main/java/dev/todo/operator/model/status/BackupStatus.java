package dev.todo.operator.model.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The managed database's backups as the operator last saw them. */
public class BackupStatus {
  @JsonPropertyDescription("The dump file of the last finished backup, on the <name>-backups volume.")
  private String lastBackup;

  @JsonPropertyDescription("The Job that ran the last finished backup.")
  private String lastBackupJob;

  @JsonPropertyDescription("When the last finished backup ended (RFC 3339).")
  private String lastBackupTime;

  @JsonPropertyDescription("Size of the last dump in bytes.")
  private Long lastBackupSize;

  @JsonPropertyDescription("Whether the last finished backup succeeded.")
  private Boolean lastBackupSucceeded;

  @JsonPropertyDescription("Why the last backup failed, from its pod.")
  private String lastBackupReason;

  @JsonPropertyDescription("When the schedule runs the next backup (RFC 3339), absent without a schedule.")
  private String nextScheduledTime;

  @JsonPropertyDescription("The last todo.dev/backup-now value an on-demand backup was started for.")
  private String lastOnDemand;

  @Override
  public boolean equals(Object o) {
    return o instanceof BackupStatus b && Objects.equals(lastBackup, b.lastBackup)
        && Objects.equals(lastBackupJob, b.lastBackupJob) && Objects.equals(lastBackupTime, b.lastBackupTime)
        && Objects.equals(lastBackupSize, b.lastBackupSize)
        && Objects.equals(lastBackupSucceeded, b.lastBackupSucceeded)
        && Objects.equals(lastBackupReason, b.lastBackupReason)
        && Objects.equals(nextScheduledTime, b.nextScheduledTime) && Objects.equals(lastOnDemand, b.lastOnDemand);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lastBackup, lastBackupJob, lastBackupTime, lastBackupSize, lastBackupSucceeded,
        lastBackupReason, nextScheduledTime, lastOnDemand);
  }

  @Override
  public String toString() {
    return "BackupStatus{lastBackup=" + lastBackup + ", job=" + lastBackupJob + ", time=" + lastBackupTime
        + ", size=" + lastBackupSize + ", succeeded=" + lastBackupSucceeded + ", reason=" + lastBackupReason
        + ", next=" + nextScheduledTime + ", lastOnDemand=" + lastOnDemand + "}";
  }

  // <accessors>
  public String getLastBackup() {
    return lastBackup;
  }

  public void setLastBackup(String lastBackup) {
    this.lastBackup = lastBackup;
  }

  public String getLastBackupJob() {
    return lastBackupJob;
  }

  public void setLastBackupJob(String lastBackupJob) {
    this.lastBackupJob = lastBackupJob;
  }

  public String getLastBackupTime() {
    return lastBackupTime;
  }

  public void setLastBackupTime(String lastBackupTime) {
    this.lastBackupTime = lastBackupTime;
  }

  public Long getLastBackupSize() {
    return lastBackupSize;
  }

  public void setLastBackupSize(Long lastBackupSize) {
    this.lastBackupSize = lastBackupSize;
  }

  public Boolean getLastBackupSucceeded() {
    return lastBackupSucceeded;
  }

  public void setLastBackupSucceeded(Boolean lastBackupSucceeded) {
    this.lastBackupSucceeded = lastBackupSucceeded;
  }

  public String getLastBackupReason() {
    return lastBackupReason;
  }

  public void setLastBackupReason(String lastBackupReason) {
    this.lastBackupReason = lastBackupReason;
  }

  public String getNextScheduledTime() {
    return nextScheduledTime;
  }

  public void setNextScheduledTime(String nextScheduledTime) {
    this.nextScheduledTime = nextScheduledTime;
  }

  public String getLastOnDemand() {
    return lastOnDemand;
  }

  public void setLastOnDemand(String lastOnDemand) {
    this.lastOnDemand = lastOnDemand;
  }

  // </accessors>
}
