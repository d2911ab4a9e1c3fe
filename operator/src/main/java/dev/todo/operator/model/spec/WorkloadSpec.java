package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/**
 * What every workload of a TodoApp (the backend, the frontend, the managed PostgreSQL) accepts about its
 * pods: where the scheduler may put them, and the labels and annotations they carry besides the operator's.
 * One class for the three, as Keycloak's operator has one SchedulingSpec; here the fields sit directly in
 * the component's section ({@code spec.backend.nodeSelector}), where Helm users look for them.
 *
 * <p>Absent and empty differ only for {@code affinity} and {@code topologySpreadConstraints}: absent keeps
 * the operator's default, empty removes it. The builders never render an empty list or map, so the applied
 * object and the one the API server keeps stay equal (no write on every reconcile).
 */
public abstract class WorkloadSpec {
  /** The labels the operator puts on every pod and selects them by: a user's value would move them. */
  public static final List<String> RESERVED_POD_LABELS = List.of("app.kubernetes.io/name",
      "app.kubernetes.io/instance", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
      "app.kubernetes.io/managed-by");
  /** The annotation that rolls the pods when their configuration changes (ConfigHash). */
  public static final String RESERVED_POD_ANNOTATION = "todo.dev/config-hash";

  @JsonPropertyDescription("Run the pods only on nodes carrying all these labels, e.g."
      + " doks.digitalocean.com/node-pool: apps (DOKS), cloud.google.com/gke-nodepool: apps (GKE),"
      + " kubernetes.azure.com/agentpool: apps (AKS).")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Let the pods run on nodes with these taints, e.g. a dedicated node pool"
      + " (key, operator Equal or Exists, value, effect NoSchedule). Same format as a pod's tolerations.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Node affinity and pod (anti-)affinity of the pods, as in a pod's spec.affinity."
      + " Absent: the backend and frontend prefer one pod per node (preferred podAntiAffinity on"
      + " kubernetes.io/hostname); the database has none. Given, it replaces that rule entirely; {} removes it.")
  private Affinity affinity;

  @JsonPropertyDescription("How the pods spread over failure domains, as in a pod's"
      + " spec.topologySpreadConstraints. Absent: when more than one pod may run (replicas > 1, or autoscaling"
      + " up to more than one), an even spread over zones: topologyKey topology.kubernetes.io/zone, maxSkew 1,"
      + " whenUnsatisfiable ScheduleAnyway, counting this component's pods (a preference: pods still start in"
      + " a single-zone cluster). Given, it replaces that; [] removes it. A constraint without labelSelector"
      + " counts this component's pods.")
  private List<TopologySpreadConstraint> topologySpreadConstraints;

  @JsonPropertyDescription("PriorityClass of the pods. It must exist: the API server refuses pods that name"
      + " a missing one (the ReplicaSet or StatefulSet then reports FailedCreate).")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String priorityClassName;

  @JsonPropertyDescription("Annotations added to the pods (a service mesh's or a log shipper's settings)."
      + " Changing them rolls the pods. todo.dev/config-hash is the operator's and cannot be set.")
  @ValidationRule(value = "!('todo.dev/config-hash' in self)",
      message = "podAnnotations cannot set todo.dev/config-hash: the operator's annotation that rolls the pods"
          + " when their configuration changes")
  private Map<String, String> podAnnotations;

  @JsonPropertyDescription("Labels added to the pods (cost allocation, policies). They are never part of a"
      + " selector. The operator's own labels app.kubernetes.io/name, instance, component, part-of and"
      + " managed-by select the pods and cannot be set here. Changing them rolls the pods.")
  @ValidationRule(value = "!('app.kubernetes.io/name' in self) && !('app.kubernetes.io/instance' in self)"
      + " && !('app.kubernetes.io/component' in self) && !('app.kubernetes.io/part-of' in self)"
      + " && !('app.kubernetes.io/managed-by' in self)",
      message = "podLabels cannot set the operator's labels app.kubernetes.io/name, instance, component, part-of"
          + " or managed-by: they select the pods")
  private Map<String, String> podLabels;

  public Map<String, String> nodeSelector() {
    return nodeSelector != null ? nodeSelector : Map.of();
  }

  public List<Toleration> tolerations() {
    return tolerations != null ? tolerations : List.of();
  }

  public Map<String, String> podAnnotations() {
    return podAnnotations != null ? podAnnotations : Map.of();
  }

  public Map<String, String> podLabels() {
    return podLabels != null ? podLabels : Map.of();
  }

  // <accessors>
  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }

  public Map<String, String> getPodLabels() {
    return podLabels;
  }

  public void setPodLabels(Map<String, String> podLabels) {
    this.podLabels = podLabels;
  }

  // </accessors>
}
