package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** PostgreSQL run by the operator (one pod; where it runs: {@link WorkloadSpec}). */
public class ManagedDatabaseSpec extends WorkloadSpec {
  public static final String DEFAULT_IMAGE = "postgres:16";

  @JsonPropertyDescription("The PostgreSQL image (the official postgres image or a compatible one).")
  @Default(DEFAULT_IMAGE)
  private String image = DEFAULT_IMAGE;

  @JsonPropertyDescription("Size of the data volume, e.g. 1Gi.")
  @Default("1Gi")
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
  private String storage = "1Gi";

  @JsonPropertyDescription("StorageClass of the data volume. Absent: the cluster's default StorageClass.")
  private String storageClassName;

  @JsonPropertyDescription("CPU and memory of the PostgreSQL container. Absent: sensible defaults.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Backups of this database: schedule, retention and the backup volume. Absent: no"
      + " scheduled backups, 7 dumps kept on a 1Gi volume, a backup before every backend image change.")
  private BackupSpec backup;

  @JsonPropertyDescription("Delete the database volume (data-<name>-postgres-0) and the backup volume"
      + " (<name>-backups) with the TodoApp. Default false: both stay, and a new TodoApp of the same name"
      + " finds its data again, or restores from them with database.restoreFrom.")
  @Default("false")
  private Boolean deleteDataOnRemoval = false;

  public String image() {
    return image == null || image.isBlank() ? DEFAULT_IMAGE : image;
  }

  public BackupSpec backup() {
    return backup == null ? new BackupSpec() : backup;
  }

  public boolean deleteDataOnRemoval() {
    return deleteDataOnRemoval != null && deleteDataOnRemoval;
  }

  public String storage() {
    return storage == null || storage.isBlank() ? "1Gi" : storage;
  }

  // <accessors>
  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getStorage() {
    return storage;
  }

  public void setStorage(String storage) {
    this.storage = storage;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public BackupSpec getBackup() {
    return backup;
  }

  public void setBackup(BackupSpec backup) {
    this.backup = backup;
  }

  public Boolean getDeleteDataOnRemoval() {
    return deleteDataOnRemoval;
  }

  public void setDeleteDataOnRemoval(Boolean deleteDataOnRemoval) {
    this.deleteDataOnRemoval = deleteDataOnRemoval;
  }

  // </accessors>
}
