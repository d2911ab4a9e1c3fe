package dev.todo.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.ComponentStatus;
import dev.todo.operator.model.status.Condition;
import dev.todo.operator.model.status.RestoreStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed. Written only by the operator. */
public class TodoAppStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Pending, Progressing, Restoring (spec.database.restoreFrom is being loaded), Ready"
      + " or Degraded.")
  private String phase;

  @JsonPropertyDescription("Ready, Progressing and Degraded conditions with a reason and a message; with a"
      + " managed database, BackupFailed once a backup finished (True when the last one failed).")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The backend Deployment: desired and ready replicas, image.")
  private ComponentStatus backend;

  @JsonPropertyDescription("The frontend Deployment: desired and ready replicas, image.")
  private ComponentStatus frontend;

  @JsonPropertyDescription("The managed PostgreSQL StatefulSet, when database.managed is set.")
  private ComponentStatus database;

  @JsonPropertyDescription("Where users reach the app.")
  private String url;

  @JsonPropertyDescription("Backups of the managed database: the last one (dump, time, size, success or the"
      + " reason it failed) and the next scheduled one.")
  private BackupStatus backup;

  @JsonPropertyDescription("The restore of spec.database.restoreFrom, when one was asked for.")
  private RestoreStatus restore;

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TodoAppStatus s)) {
      return false;
    }
    return Objects.equals(observedGeneration, s.observedGeneration) && Objects.equals(phase, s.phase)
        && Objects.equals(conditions, s.conditions) && Objects.equals(backend, s.backend)
        && Objects.equals(frontend, s.frontend) && Objects.equals(database, s.database)
        && Objects.equals(url, s.url) && Objects.equals(backup, s.backup) && Objects.equals(restore, s.restore);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, phase, conditions, backend, frontend, database, url, backup, restore);
  }

  // <accessors>
  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public ComponentStatus getBackend() {
    return backend;
  }

  public void setBackend(ComponentStatus backend) {
    this.backend = backend;
  }

  public ComponentStatus getFrontend() {
    return frontend;
  }

  public void setFrontend(ComponentStatus frontend) {
    this.frontend = frontend;
  }

  public ComponentStatus getDatabase() {
    return database;
  }

  public void setDatabase(ComponentStatus database) {
    this.database = database;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public BackupStatus getBackup() {
    return backup;
  }

  public void setBackup(BackupStatus backup) {
    this.backup = backup;
  }

  public RestoreStatus getRestore() {
    return restore;
  }

  public void setRestore(RestoreStatus restore) {
    this.restore = restore;
  }

  // </accessors>
}
