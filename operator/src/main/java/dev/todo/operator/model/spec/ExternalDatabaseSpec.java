package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** A PostgreSQL database run by someone else. */
public class ExternalDatabaseSpec {
  @JsonPropertyDescription("The Secret (same namespace) and key holding the database URL.")
  @Required
  private SecretKeySelector secretKeyRef;

  // <accessors>
  public SecretKeySelector getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }

  // </accessors>
}
