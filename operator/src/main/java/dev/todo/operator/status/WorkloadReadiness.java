package dev.todo.operator.status;

import dev.todo.operator.model.status.ComponentStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** Whether a Deployment or StatefulSet has finished rolling out, the way kubectl rollout status decides it. */
public final class WorkloadReadiness {
  private WorkloadReadiness() {
  }

  public static boolean isReady(Deployment d) {
    return isReady(d, 0);
  }

  /** Ready with at least {@code atLeast} pods, e.g. an autoscaler's minReplicas it has not reached yet. */
  public static boolean isReady(Deployment d, int atLeast) {
    if (d == null) {
      return false;
    }
    int desired = Math.max(desired(d.getSpec().getReplicas()), atLeast);
    var s = d.getStatus();
    if (desired == 0) {
      return true;
    }
    if (s == null) {
      return false;
    }
    boolean observed = s.getObservedGeneration() == null || d.getMetadata().getGeneration() == null
        || s.getObservedGeneration() >= d.getMetadata().getGeneration();
    int updated = s.getUpdatedReplicas() != null ? s.getUpdatedReplicas() : n(s.getReadyReplicas());
    // As kubectl rollout status: not done while pods of the old ReplicaSet remain (status.replicas counts
    // them), or a TodoApp would turn Ready while old pods still serve (seen on a real API server).
    boolean oldPodsGone = n(s.getReplicas()) <= updated;
    return observed && n(s.getReadyReplicas()) >= desired && updated >= desired && oldPodsGone;
  }

  public static boolean isReady(StatefulSet ss) {
    if (ss == null) {
      return false;
    }
    int desired = desired(ss.getSpec().getReplicas());
    return desired == 0 || (ss.getStatus() != null && n(ss.getStatus().getReadyReplicas()) >= desired);
  }

  public static ComponentStatus status(Deployment d) {
    return status(d, 0);
  }

  /** The pods desired (at least {@code atLeast}) and ready. */
  public static ComponentStatus status(Deployment d, int atLeast) {
    if (d == null) {
      return null;
    }
    return new ComponentStatus(Math.max(desired(d.getSpec().getReplicas()), atLeast),
        d.getStatus() == null ? 0 : n(d.getStatus().getReadyReplicas()), image(d.getSpec().getTemplate()));
  }

  public static ComponentStatus status(StatefulSet ss) {
    if (ss == null) {
      return null;
    }
    return new ComponentStatus(desired(ss.getSpec().getReplicas()),
        ss.getStatus() == null ? 0 : n(ss.getStatus().getReadyReplicas()), image(ss.getSpec().getTemplate()));
  }

  /** Kubernetes defaults an absent replicas to 1 (an HPA then sets it). */
  private static int desired(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }

  private static String image(PodTemplateSpec template) {
    if (template == null || template.getSpec() == null || template.getSpec().getContainers().isEmpty()) {
      return null;
    }
    Container c = template.getSpec().getContainers().get(0);
    return c.getImage();
  }
}
