package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The backend's own on-disk H2 database. */
public class EmbeddedDatabaseSpec {
  @JsonPropertyDescription("Size of the PersistentVolumeClaim mounted at /data, e.g. 1Gi.")
  @Default("1Gi")
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
  private String storage = "1Gi";

  @JsonPropertyDescription("StorageClass of the volume. Absent: the cluster's default StorageClass.")
  private String storageClassName;

  public String storage() {
    return storage == null || storage.isBlank() ? "1Gi" : storage;
  }

  // <accessors>
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

  // </accessors>
}
