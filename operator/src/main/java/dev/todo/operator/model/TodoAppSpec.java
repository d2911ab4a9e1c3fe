package dev.todo.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.todo.operator.model.spec.AiSpec;
import dev.todo.operator.model.spec.AuthSpec;
import dev.todo.operator.model.spec.BackendSpec;
import dev.todo.operator.model.spec.DatabaseSpec;
import dev.todo.operator.model.spec.FrontendSpec;
import dev.todo.operator.model.spec.IngressSpec;
import dev.todo.operator.model.spec.LogLevel;
import dev.todo.operator.model.spec.MonitoringSpec;
import dev.todo.operator.model.spec.NetworkPolicySpec;
import dev.todo.operator.model.spec.ServiceSpec;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired Todo application. Every section is optional: an empty spec runs the default images
 * with an embedded database and the offline assistant.
 */
@ValidationRule(
    value = "(has(self.database) && (has(self.database.external) || has(self.database.managed)))"
        + " || !has(self.backend)"
        + " || ((!has(self.backend.replicas) || self.backend.replicas <= 1)"
        + " && (!has(self.backend.autoscaling) || !has(self.backend.autoscaling.enabled) || !self.backend.autoscaling.enabled))",
    message = "the embedded database runs inside a single backend pod: set backend.replicas to 1 and"
        + " autoscaling off, or use database.managed or database.external")
public class TodoAppSpec {

  @JsonPropertyDescription("The Java API server (port 8080): image, replicas, resources, autoscaling.")
  private BackendSpec backend;

  @JsonPropertyDescription("The Next.js web UI (port 3000): image, replicas, resources, autoscaling.")
  private FrontendSpec frontend;

  @JsonPropertyDescription("Where tasks are stored. Set exactly one of external, managed or embedded;"
      + " absent means embedded (one backend pod, data on a PersistentVolumeClaim).")
  private DatabaseSpec database;

  @JsonPropertyDescription("The chat assistant's language model. Absent: the backend's built-in offline assistant.")
  private AiSpec ai;

  @JsonPropertyDescription("Session token signing. Absent: the operator generates a random key once and keeps it.")
  private AuthSpec auth;

  @JsonPropertyDescription("Exposes the app through an Ingress: /api to the backend, / to the frontend.")
  private IngressSpec ingress;

  @JsonPropertyDescription("How the frontend Service is exposed (ClusterIP, NodePort for minikube without"
      + " an ingress controller, LoadBalancer) and its annotations. The backend Service is always ClusterIP.")
  private ServiceSpec service;

  @JsonPropertyDescription("NetworkPolicies that let each component be reached only from where it must be.")
  private NetworkPolicySpec networkPolicy;

  @JsonPropertyDescription("Prometheus scraping of the backend's metrics through a Prometheus Operator"
      + " ServiceMonitor (off by default; needs the monitoring.coreos.com CRDs).")
  private MonitoringSpec monitoring;

  @JsonPropertyDescription("Secrets used to pull the images from a private registry.")
  private List<LocalObjectReference> imagePullSecrets = new ArrayList<>();

  @JsonPropertyDescription("Log level of the backend: DEBUG, INFO, WARN or ERROR.")
  @Default("INFO")
  private LogLevel logLevel = LogLevel.INFO;

  /** Non-null views with the documented defaults, so builders never deal with absent sections. */
  public BackendSpec backend() {
    return backend != null ? backend : new BackendSpec();
  }

  public FrontendSpec frontend() {
    return frontend != null ? frontend : new FrontendSpec();
  }

  public DatabaseSpec database() {
    return database != null ? database : DatabaseSpec.embeddedDefault();
  }

  public IngressSpec ingress() {
    return ingress != null ? ingress : new IngressSpec();
  }

  public ServiceSpec service() {
    return service != null ? service : new ServiceSpec();
  }

  public NetworkPolicySpec networkPolicy() {
    return networkPolicy != null ? networkPolicy : new NetworkPolicySpec();
  }

  public MonitoringSpec monitoring() {
    return monitoring != null ? monitoring : new MonitoringSpec();
  }

  public LogLevel logLevel() {
    return logLevel != null ? logLevel : LogLevel.INFO;
  }

  // <accessors>
  public BackendSpec getBackend() {
    return backend;
  }

  public void setBackend(BackendSpec backend) {
    this.backend = backend;
  }

  public FrontendSpec getFrontend() {
    return frontend;
  }

  public void setFrontend(FrontendSpec frontend) {
    this.frontend = frontend;
  }

  public DatabaseSpec getDatabase() {
    return database;
  }

  public void setDatabase(DatabaseSpec database) {
    this.database = database;
  }

  public AiSpec getAi() {
    return ai;
  }

  public void setAi(AiSpec ai) {
    this.ai = ai;
  }

  public AuthSpec getAuth() {
    return auth;
  }

  public void setAuth(AuthSpec auth) {
    this.auth = auth;
  }

  public IngressSpec getIngress() {
    return ingress;
  }

  public void setIngress(IngressSpec ingress) {
    this.ingress = ingress;
  }

  public ServiceSpec getService() {
    return service;
  }

  public void setService(ServiceSpec service) {
    this.service = service;
  }

  public NetworkPolicySpec getNetworkPolicy() {
    return networkPolicy;
  }

  public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
    this.networkPolicy = networkPolicy;
  }

  public MonitoringSpec getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(MonitoringSpec monitoring) {
    this.monitoring = monitoring;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public LogLevel getLogLevel() {
    return logLevel;
  }

  public void setLogLevel(LogLevel logLevel) {
    this.logLevel = logLevel;
  }

  // </accessors>
}
