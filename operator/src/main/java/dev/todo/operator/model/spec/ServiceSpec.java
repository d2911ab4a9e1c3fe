package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** How the frontend Service is exposed. */
public class ServiceSpec {
  @JsonPropertyDescription("ClusterIP (default), NodePort (minikube without an ingress controller) or LoadBalancer.")
  @Default("ClusterIP")
  private ServiceType type = ServiceType.ClusterIP;

  public ServiceType type() {
    return type != null ? type : ServiceType.ClusterIP;
  }

  // <accessors>
  public ServiceType getType() {
    return type;
  }

  public void setType(ServiceType type) {
    this.type = type;
  }

  // </accessors>
}
