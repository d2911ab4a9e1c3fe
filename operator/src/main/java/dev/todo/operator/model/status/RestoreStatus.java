package dev.todo.operator.model.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The restore of spec.database.restoreFrom into a new managed database. */
public class RestoreStatus {
  public static final String RESTORING = "Restoring";
  public static final String RESTORED = "Restored";
  public static final String FAILED = "Failed";

  @JsonPropertyDescription("Restoring, Restored or Failed.")
  private String phase;

  @JsonPropertyDescription("<backup volume>/<dump> the database was (or is being) restored from.")
  private String source;

  @JsonPropertyDescription("What the restore Job reported: the dump it loaded, or why it refused or failed.")
  private String message;

  public RestoreStatus() {
  }

  public RestoreStatus(String phase, String source, String message) {
    this.phase = phase;
    this.source = source;
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RestoreStatus r && Objects.equals(phase, r.phase) && Objects.equals(source, r.source)
        && Objects.equals(message, r.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, source, message);
  }

  @Override
  public String toString() {
    return "RestoreStatus{" + phase + ", " + source + ", " + message + "}";
  }

  // <accessors>
  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  // </accessors>
}
