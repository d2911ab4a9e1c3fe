package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/** An Ingress (networking.k8s.io/v1) routing /api to the backend and / to the frontend. */
public class IngressSpec {
  @JsonPropertyDescription("Create the Ingress.")
  @Default("false")
  private Boolean enabled = false;

  @JsonPropertyDescription("IngressClass that serves it.")
  @Default("nginx")
  private String className = "nginx";

  @JsonPropertyDescription("Host name, e.g. todo.local. Absent: every host.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String host;

  @JsonPropertyDescription("Serve HTTPS with the certificate in this Secret.")
  private TlsSpec tls;

  @JsonPropertyDescription("Annotations for the Ingress controller, e.g. cert-manager.io/cluster-issuer.")
  private Map<String, String> annotations = new LinkedHashMap<>();

  public boolean enabled() {
    return Boolean.TRUE.equals(enabled);
  }

  public String className() {
    return className == null || className.isBlank() ? "nginx" : className;
  }

  // <accessors>
  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getClassName() {
    return className;
  }

  public void setClassName(String className) {
    this.className = className;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  // </accessors>
}
