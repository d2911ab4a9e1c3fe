package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** TLS for the Ingress. */
public class TlsSpec {
  @JsonPropertyDescription("Secret of type kubernetes.io/tls holding the certificate for ingress.host.")
  @Required
  private String secretName;

  // <accessors>
  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  // </accessors>
}
