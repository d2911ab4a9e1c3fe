package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/**
 * What the backend and the frontend have in common: one Deployment and what scales and protects it, and
 * (from {@link WorkloadSpec}) where its pods run.
 */
public abstract class ComponentSpec extends WorkloadSpec {

  @JsonPropertyDescription("When to pull the image: Always, IfNotPresent (default) or Never.")
  @Default("IfNotPresent")
  private PullPolicy imagePullPolicy = PullPolicy.IfNotPresent;

  @JsonPropertyDescription("Number of pods when autoscaling is off (0-100). Ignored while autoscaling.enabled is"
      + " true: the HorizontalPodAutoscaler owns the replica count then.")
  @Default("1")
  @Min(0)
  @Max(100)
  private Integer replicas = 1;

  @JsonPropertyDescription("CPU and memory requests and limits of the container. Absent: sensible defaults"
      + " for this component.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Extra environment variables, appended after the ones the operator sets.")
  private List<EnvVar> env = new ArrayList<>();

  @JsonPropertyDescription("A HorizontalPodAutoscaler (autoscaling/v2) on CPU utilisation.")
  private AutoscalingSpec autoscaling;

  @JsonPropertyDescription("A PodDisruptionBudget (policy/v1), created when more than one pod can run.")
  private DisruptionBudgetSpec podDisruptionBudget;

  /** The container image, never empty. */
  public abstract String image();

  public AutoscalingSpec autoscaling() {
    return autoscaling != null ? autoscaling : new AutoscalingSpec();
  }

  public DisruptionBudgetSpec podDisruptionBudget() {
    return podDisruptionBudget != null ? podDisruptionBudget : new DisruptionBudgetSpec();
  }

  public int replicas() {
    return replicas != null ? replicas : 1;
  }

  public PullPolicy imagePullPolicy() {
    return imagePullPolicy != null ? imagePullPolicy : PullPolicy.IfNotPresent;
  }

  public List<EnvVar> env() {
    return env != null ? env : List.of();
  }

  /** True when more than one pod may run, so a disruption budget makes sense. */
  public boolean mayRunSeveralPods() {
    return autoscaling().enabled() ? autoscaling().maxReplicas() > 1 : replicas() > 1;
  }

  // <accessors>
  public PullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(PullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public AutoscalingSpec getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(AutoscalingSpec autoscaling) {
    this.autoscaling = autoscaling;
  }

  public DisruptionBudgetSpec getPodDisruptionBudget() {
    return podDisruptionBudget;
  }

  public void setPodDisruptionBudget(DisruptionBudgetSpec podDisruptionBudget) {
    this.podDisruptionBudget = podDisruptionBudget;
  }

  // </accessors>
}
