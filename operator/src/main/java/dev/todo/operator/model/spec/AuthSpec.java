package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** Signing of the session tokens. */
public class AuthSpec {
  @JsonPropertyDescription("The Secret (same namespace) and key holding the JWT signing key (at least 32"
      + " characters). Absent: the operator generates <name>-jwt once and never overwrites it.")
  private SecretKeySelector jwtSecretRef;

  // <accessors>
  public SecretKeySelector getJwtSecretRef() {
    return jwtSecretRef;
  }

  public void setJwtSecretRef(SecretKeySelector jwtSecretRef) {
    this.jwtSecretRef = jwtSecretRef;
  }

  // </accessors>
}
