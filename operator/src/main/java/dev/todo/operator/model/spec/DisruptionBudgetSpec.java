package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** A PodDisruptionBudget for one component. */
public class DisruptionBudgetSpec {
  @JsonPropertyDescription("Create a PodDisruptionBudget (policy/v1, Kubernetes >= 1.21) when the component"
      + " may run more than one pod, so node drains keep it available.")
  @Default("true")
  private Boolean enabled = true;

  @JsonPropertyDescription("Pods that must stay available during voluntary disruptions.")
  @Default("1")
  @Min(0)
  private Integer minAvailable = 1;

  public boolean enabled() {
    return !Boolean.FALSE.equals(enabled);
  }

  public int minAvailable() {
    return minAvailable != null ? minAvailable : 1;
  }

  // <accessors>
  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getMinAvailable() {
    return minAvailable;
  }

  public void setMinAvailable(Integer minAvailable) {
    this.minAvailable = minAvailable;
  }

  // </accessors>
}
