package dev.todo.operator.status;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppSpec;
import dev.todo.operator.resources.shared.ComponentDisruptionBudget;
import dev.todo.operator.resources.shared.ReferencedSecrets;
import dev.todo.operator.resources.dependent.ServedApis;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What keeps a TodoApp's workloads from working as asked, each a {@link Problem} of its kind with a
 * message that names the fix. (The data-safety decisions report their own problems.)
 */
public final class Problems {
  private Problems() {
  }

  /** Secrets the user referenced that do not exist or lack the key. Generated Secrets are the operator's job. */
  public static List<Problem> secrets(TodoApp app, Function<String, Optional<Secret>> lookup) {
    List<Problem> problems = new ArrayList<>();
    for (ReferencedSecrets.Reference ref : ReferencedSecrets.of(app)) {
      if (ReferencedSecrets.isGenerated(ref) || ref.secretName() == null || ref.key() == null) {
        continue;
      }
      Optional<Secret> secret = lookup.apply(ref.secretName());
      if (secret.isEmpty()) {
        problems.add(new Problem(Problem.Reason.SECRET_MISSING, "Secret " + ref.secretName() + " not found ("
            + ref.field() + "): create it with kubectl create secret generic " + ref.secretName() + " --from-literal="
            + ref.key() + "=..."));
      } else if (ReferencedSecrets.decodedValue(secret.get(), ref.key()) == null) {
        problems.add(new Problem(Problem.Reason.SECRET_MISSING, "Secret " + ref.secretName() + " has no key "
            + ref.key() + " (" + ref.field() + "): add the key to the Secret or point " + ref.field()
            + ".key at an existing one"));
      }
    }
    return problems;
  }

  /** Autoscaling or disruption budgets asked for on a cluster that does not serve their API. */
  public static List<Problem> unservedApis(TodoAppSpec spec, boolean hpaServed, boolean pdbServed) {
    List<Problem> problems = new ArrayList<>();
    if (!hpaServed && (spec.backend().autoscaling().enabled() || spec.frontend().autoscaling().enabled())) {
      problems.add(new Problem(Problem.Reason.API_NOT_SERVED, ServedApis.HPA.notServedMessage()
          + " (spec.*.autoscaling is not applied; the Deployments run autoscaling.minReplicas pods)"));
    }
    if (!pdbServed && (ComponentDisruptionBudget.wanted(spec.backend())
        || ComponentDisruptionBudget.wanted(spec.frontend()))) {
      problems.add(new Problem(Problem.Reason.API_NOT_SERVED, ServedApis.PDB.notServedMessage()
          + " (no PodDisruptionBudget is created; set spec.*.podDisruptionBudget.enabled to false to silence this)"));
    }
    return problems;
  }

  /** spec.monitoring asked for a ServiceMonitor on a cluster without the Prometheus Operator's CRDs. */
  public static List<Problem> unservedMonitoring(TodoAppSpec spec, boolean serviceMonitorServed) {
    if (serviceMonitorServed || !spec.monitoring().enabled()) {
      return List.of();
    }
    return List.of(new Problem(Problem.Reason.API_NOT_SERVED, "ServiceMonitor monitoring.coreos.com/v1 is not served"
        + " by this cluster, so the backend is not scraped (spec.monitoring.enabled): install the Prometheus"
        + " Operator's CRDs, or set spec.monitoring.enabled to false"));
  }

  /**
   * How long a pod may wait for a node before it is a problem. A new pod is often unschedulable for a
   * moment (its volume not bound yet, nodes being added by an autoscaler, or on the test control plane
   * no node at all until the test kubelet reports it running); reported at once, each new TodoApp
   * turned Degraded and back, with a Warning Event and two status writes, for nothing a user could do.
   */
  public static final Duration UNSCHEDULABLE_GRACE = Duration.ofSeconds(30);

  /**
   * Pod errors a user can act on, one message per component and reason; a pod that cannot be scheduled
   * once it has waited {@link #UNSCHEDULABLE_GRACE} for a node (the status is looked at again while the
   * workload is not ready).
   */
  public static List<Problem> pods(String component, String specField, List<Pod> pods, Instant now) {
    Set<String> seen = new LinkedHashSet<>();
    List<Problem> problems = new ArrayList<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      if (pod.getStatus() == null) {
        continue;
      }
      for (ContainerStatus cs : containerStatuses(pod)) {
        if (cs.getState() == null || cs.getState().getWaiting() == null) {
          continue;
        }
        String reason = cs.getState().getWaiting().getReason();
        String detail = cs.getState().getWaiting().getMessage();
        String message = switch (reason == null ? "" : reason) {
          case "ImagePullBackOff", "ErrImagePull", "InvalidImageName" -> component + " pod " + name
              + " cannot pull image " + cs.getImage() + " (" + reason + "): check " + specField
              + ".image and spec.imagePullSecrets";
          case "CrashLoopBackOff" -> component + " pod " + name + " keeps crashing (CrashLoopBackOff, "
              + cs.getRestartCount() + " restarts): see kubectl logs " + name + " --previous";
          case "CreateContainerConfigError" -> component + " pod " + name + " cannot start (" + reason + "): "
              + (detail != null ? detail : "a referenced Secret or key is missing")
              + "; create it or fix the reference in the spec";
          default -> null;
        };
        if (message != null && seen.add(reason)) {
          problems.add(new Problem(Problem.Reason.PODS_FAILING, message));
        }
      }
      if (pod.getStatus().getConditions() != null) {
        for (PodCondition c : pod.getStatus().getConditions()) {
          if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
              && "Unschedulable".equals(c.getReason()) && waitedPastGrace(c, now) && seen.add("Unschedulable")) {
            problems.add(new Problem(Problem.Reason.PODS_FAILING, component + " pod " + name
                + " cannot be scheduled: " + c.getMessage() + "; lower " + specField + ".resources or add nodes"));
          }
        }
      }
    }
    return problems;
  }

  /** Without a transition time (never set by the scheduler), the pod counts as having waited long enough. */
  private static boolean waitedPastGrace(PodCondition c, Instant now) {
    try {
      return c.getLastTransitionTime() == null
          || !Instant.parse(c.getLastTransitionTime()).plus(UNSCHEDULABLE_GRACE).isAfter(now);
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  private static List<ContainerStatus> containerStatuses(Pod pod) {
    List<ContainerStatus> all = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    return all;
  }
}
