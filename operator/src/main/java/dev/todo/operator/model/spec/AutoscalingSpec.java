package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** A HorizontalPodAutoscaler for one component. */
@ValidationRule(value = "!has(self.minReplicas) || !has(self.maxReplicas) || self.minReplicas <= self.maxReplicas",
    message = "autoscaling.minReplicas must not be greater than autoscaling.maxReplicas")
public class AutoscalingSpec {
  @JsonPropertyDescription("Create a HorizontalPodAutoscaler (autoscaling/v2, Kubernetes >= 1.23). While"
      + " enabled the operator stops writing the Deployment's replicas.")
  @Default("false")
  private Boolean enabled = false;

  @JsonPropertyDescription("Fewest pods the autoscaler keeps (1-100).")
  @Default("2")
  @Min(1)
  @Max(100)
  private Integer minReplicas = 2;

  @JsonPropertyDescription("Most pods the autoscaler may run (1-100, >= minReplicas).")
  @Default("5")
  @Min(1)
  @Max(100)
  private Integer maxReplicas = 5;

  @JsonPropertyDescription("Average CPU utilisation, in percent of the CPU request, the autoscaler aims for.")
  @Default("75")
  @Min(1)
  @Max(100)
  private Integer targetCPUUtilizationPercentage = 75;

  @JsonPropertyDescription("Seconds the autoscaler looks back before it removes pods (0-3600): it scales down"
      + " to the highest replica count it wanted in that window, so a short lull does not remove pods"
      + " a returning load needs. Absent: Kubernetes' default, 300.")
  @Min(0)
  @Max(3600)
  private Integer scaleDownStabilizationSeconds;

  public boolean enabled() {
    return Boolean.TRUE.equals(enabled);
  }

  public int minReplicas() {
    return minReplicas != null ? minReplicas : 2;
  }

  public int maxReplicas() {
    return maxReplicas != null ? maxReplicas : 5;
  }

  public int targetCpu() {
    return targetCPUUtilizationPercentage != null ? targetCPUUtilizationPercentage : 75;
  }

  /** The scale-down stabilization window in seconds, or null for Kubernetes' default. */
  public Integer scaleDownStabilization() {
    return scaleDownStabilizationSeconds;
  }

  // <accessors>
  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetCPUUtilizationPercentage() {
    return targetCPUUtilizationPercentage;
  }

  public void setTargetCPUUtilizationPercentage(Integer targetCPUUtilizationPercentage) {
    this.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage;
  }

  public Integer getScaleDownStabilizationSeconds() {
    return scaleDownStabilizationSeconds;
  }

  public void setScaleDownStabilizationSeconds(Integer scaleDownStabilizationSeconds) {
    this.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds;
  }

  // </accessors>
}
