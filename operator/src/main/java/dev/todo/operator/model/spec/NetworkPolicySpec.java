package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** NetworkPolicies around the app's pods. */
public class NetworkPolicySpec {
  @JsonPropertyDescription("Create NetworkPolicies: the frontend accepts traffic on 3000 from anywhere; the"
      + " backend on 8080 only from the frontend (and from the ingress controller when the Ingress is on);"
      + " PostgreSQL only from the backend. Egress: DNS, the database and HTTPS (the AI provider).")
  @Default("true")
  private Boolean enabled = true;

  public boolean enabled() {
    return !Boolean.FALSE.equals(enabled);
  }

  // <accessors>
  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  // </accessors>
}
