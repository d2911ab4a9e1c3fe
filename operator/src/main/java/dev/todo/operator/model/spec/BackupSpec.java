package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Backups of the managed PostgreSQL: pg_dump in the custom format onto a backup volume, on a schedule,
 * on demand (annotation todo.dev/backup-now) and before every backend image change.
 */
public class BackupSpec {
  public static final int DEFAULT_RETENTION = 7;
  /** Five cron fields (numbers, names, * , - / ?) or one of the macros Kubernetes CronJobs accept. */
  public static final String CRON = "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
      + "|([0-9A-Za-z*?/,-]+[ \\t]+){4}[0-9A-Za-z*?/,-]+)$";

  @JsonPropertyDescription("When to take a backup, in cron format (five fields: minute hour day-of-month month"
      + " day-of-week, in the controller-manager's time zone, usually UTC), e.g. \"0 3 * * *\" for every night"
      + " at 03:00, or @daily, @hourly. Absent: no scheduled backups (on-demand and before-upgrade backups"
      + " still run).")
  @ValidationRule(value = "self.matches('" + "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
      + "|([0-9A-Za-z*?/,-]+[ \\\\t]+){4}[0-9A-Za-z*?/,-]+)$" + "')",
      message = "backup.schedule must be a cron expression with five fields (minute hour day-of-month month"
          + " day-of-week), e.g. \"0 3 * * *\", or a macro such as @daily")
  private String schedule;

  @JsonPropertyDescription("How many dumps to keep on the backup volume; after each backup the oldest beyond"
      + " this number are deleted. At least 1.")
  @Default("7")
  @Min(1)
  @Max(1000)
  private Integer retention = DEFAULT_RETENTION;

  @JsonPropertyDescription("The backup volume (PersistentVolumeClaim <name>-backups): size and StorageClass."
      + " It outlives the TodoApp unless database.managed.deleteDataOnRemoval is true.")
  private BackupStorageSpec storage;

  @JsonPropertyDescription("Take a backup before the backend image changes, and roll the backend out only"
      + " after it succeeded (default true). Set false to upgrade without it, e.g. when the backup volume is"
      + " full and a failed backup holds the rollout.")
  @Default("true")
  private Boolean beforeUpgrade = true;

  public int retention() {
    return retention == null ? DEFAULT_RETENTION : retention;
  }

  public BackupStorageSpec storage() {
    return storage == null ? new BackupStorageSpec() : storage;
  }

  public boolean beforeUpgrade() {
    return beforeUpgrade == null || beforeUpgrade;
  }

  public boolean scheduled() {
    return schedule != null && !schedule.isBlank();
  }

  // <accessors>
  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public Integer getRetention() {
    return retention;
  }

  public void setRetention(Integer retention) {
    this.retention = retention;
  }

  public BackupStorageSpec getStorage() {
    return storage;
  }

  public void setStorage(BackupStorageSpec storage) {
    this.storage = storage;
  }

  public Boolean getBeforeUpgrade() {
    return beforeUpgrade;
  }

  public void setBeforeUpgrade(Boolean beforeUpgrade) {
    this.beforeUpgrade = beforeUpgrade;
  }

  // </accessors>
}
