package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A dump to load into a new managed database before the backend starts. */
public class RestoreSpec {
  public static final String LATEST = "latest";

  @JsonPropertyDescription("The backup PersistentVolumeClaim holding the dump, in the TodoApp's namespace,"
      + " e.g. the <old todoapp>-backups volume a deleted TodoApp left behind.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  private String pvc;

  @JsonPropertyDescription("The dump file on that volume, e.g. todo-20260101T030000Z.dump, or \"latest\" for"
      + " the newest one (default).")
  @Default(LATEST)
  @Pattern("^(latest|[A-Za-z0-9][A-Za-z0-9._-]*\\.dump)$")
  private String dump = LATEST;

  public String dump() {
    return dump == null || dump.isBlank() ? LATEST : dump;
  }

  // <accessors>
  public String getPvc() {
    return pvc;
  }

  public void setPvc(String pvc) {
    this.pvc = pvc;
  }

  public String getDump() {
    return dump;
  }

  public void setDump(String dump) {
    this.dump = dump;
  }

  // </accessors>
}
