package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.Map;

/** How the frontend Service is exposed: its type, and the annotations a cloud's load balancer reads. */
public class ServiceSpec {
  @JsonPropertyDescription("ClusterIP (default), NodePort (minikube without an ingress controller) or LoadBalancer.")
  @Default("ClusterIP")
  private ServiceType type = ServiceType.ClusterIP;

  @JsonPropertyDescription("Annotations on the frontend Service, read by the cloud's load balancer when type is"
      + " LoadBalancer, e.g. service.beta.kubernetes.io/do-loadbalancer-size-unit (DOKS),"
      + " networking.gke.io/load-balancer-type: Internal (GKE),"
      + " service.beta.kubernetes.io/azure-load-balancer-internal: \"true\" (AKS). Annotations the cloud"
      + " adds itself are left alone.")
  private Map<String, String> annotations;

  public ServiceType type() {
    return type != null ? type : ServiceType.ClusterIP;
  }

  public Map<String, String> annotations() {
    return annotations != null ? annotations : Map.of();
  }

  // <accessors>
  public ServiceType getType() {
    return type;
  }

  public void setType(ServiceType type) {
    this.type = type;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  // </accessors>
}
