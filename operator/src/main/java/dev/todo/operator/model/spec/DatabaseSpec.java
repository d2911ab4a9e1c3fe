package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the backend stores its data: exactly one of the three modes. */
@ValidationRule(value = "(has(self.external) ? 1 : 0) + (has(self.managed) ? 1 : 0) + (has(self.embedded) ? 1 : 0) == 1",
    message = "set exactly one of database.external, database.managed or database.embedded")
@ValidationRule(value = "!has(self.restoreFrom) || has(self.managed)",
    message = "database.restoreFrom loads a dump into the PostgreSQL the operator runs: set database.managed,"
        + " or remove restoreFrom (restore an external database with pg_restore yourself)")
public class DatabaseSpec {
  @JsonPropertyDescription("Use an existing PostgreSQL (e.g. Neon): a Secret key holding its URL,"
      + " postgresql://user:pass@host:5432/db?sslmode=require or jdbc:postgresql://...")
  private ExternalDatabaseSpec external;

  @JsonPropertyDescription("The operator runs PostgreSQL in the namespace: a StatefulSet with a"
      + " PersistentVolumeClaim, a Service and a generated credentials Secret.")
  private ManagedDatabaseSpec managed;

  @JsonPropertyDescription("The backend's on-disk H2 database on a PersistentVolumeClaim mounted at /data."
      + " Only one backend pod can use it: requires backend.replicas 1 and no autoscaling, and the"
      + " backend rolls out with the Recreate strategy (the old pod must release the volume and the"
      + " database file lock before the new one starts).")
  private EmbeddedDatabaseSpec embedded;

  @JsonPropertyDescription("Managed database only: when the TodoApp is created, load this dump (from a backup"
      + " volume, e.g. the one a deleted TodoApp left) into the new, empty database before the backend starts."
      + " A database that already holds data is never overwritten: the restore is refused.")
  private RestoreSpec restoreFrom;

  public static DatabaseSpec embeddedDefault() {
    DatabaseSpec spec = new DatabaseSpec();
    spec.setEmbedded(new EmbeddedDatabaseSpec());
    return spec;
  }

  public DatabaseMode mode() {
    if (external != null) {
      return DatabaseMode.EXTERNAL;
    }
    if (managed != null) {
      return DatabaseMode.MANAGED;
    }
    return DatabaseMode.EMBEDDED;
  }

  /** How many modes are set; the spec is valid only with at most one (none means embedded). */
  public int modesSet() {
    return (external != null ? 1 : 0) + (managed != null ? 1 : 0) + (embedded != null ? 1 : 0);
  }

  // <accessors>
  public ExternalDatabaseSpec getExternal() {
    return external;
  }

  public void setExternal(ExternalDatabaseSpec external) {
    this.external = external;
  }

  public ManagedDatabaseSpec getManaged() {
    return managed;
  }

  public void setManaged(ManagedDatabaseSpec managed) {
    this.managed = managed;
  }

  public EmbeddedDatabaseSpec getEmbedded() {
    return embedded;
  }

  public void setEmbedded(EmbeddedDatabaseSpec embedded) {
    this.embedded = embedded;
  }

  public RestoreSpec getRestoreFrom() {
    return restoreFrom;
  }

  public void setRestoreFrom(RestoreSpec restoreFrom) {
    this.restoreFrom = restoreFrom;
  }

  // </accessors>
}
