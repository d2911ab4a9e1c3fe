package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The PersistentVolumeClaim the dumps are written to. */
public class BackupStorageSpec {
  public static final String DEFAULT_SIZE = "1Gi";

  @JsonPropertyDescription("Size of the backup volume, e.g. 5Gi. Fixed once the volume exists.")
  @Default(DEFAULT_SIZE)
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
  private String size = DEFAULT_SIZE;

  @JsonPropertyDescription("StorageClass of the backup volume. Absent: the cluster's default StorageClass."
      + " Prefer one whose volumes are not on the database's disk.")
  private String storageClassName;

  public String size() {
    return size == null || size.isBlank() ? DEFAULT_SIZE : size;
  }

  // <accessors>
  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  // </accessors>
}
