package dev.todo.operator.model.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Observed state of one workload (a Deployment or the PostgreSQL StatefulSet). */
public class ComponentStatus {
  @JsonPropertyDescription("Desired pods.")
  private Integer replicas;

  @JsonPropertyDescription("Pods that pass their readiness probe.")
  private Integer readyReplicas;

  @JsonPropertyDescription("readyReplicas/replicas, as kubectl get shows it.")
  private String ready;

  @JsonPropertyDescription("The image the pods run.")
  private String image;

  public ComponentStatus() {
  }

  public ComponentStatus(int replicas, int readyReplicas, String image) {
    this.replicas = replicas;
    this.readyReplicas = readyReplicas;
    this.ready = readyReplicas + "/" + replicas;
    this.image = image;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComponentStatus c && Objects.equals(replicas, c.replicas)
        && Objects.equals(readyReplicas, c.readyReplicas) && Objects.equals(ready, c.ready)
        && Objects.equals(image, c.image);
  }

  @Override
  public int hashCode() {
    return Objects.hash(replicas, readyReplicas, ready, image);
  }

  // <accessors>
  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getReady() {
    return ready;
  }

  public void setReady(String ready) {
    this.ready = ready;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  // </accessors>
}
