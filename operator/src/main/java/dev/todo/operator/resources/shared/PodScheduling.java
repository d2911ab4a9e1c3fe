package dev.todo.operator.resources.shared;

import dev.todo.operator.model.spec.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A workload's {@link WorkloadSpec} applied to the pod template the operator built: where the pods may run
 * (nodeSelector, tolerations, affinity, topology spread, priority) and the user's labels and annotations
 * beside the operator's.
 *
 * <p>Two rules keep a restart of the operator silent and the selectors intact. Nothing empty is rendered (an
 * empty list or map is left out when serialized, an empty affinity is none), so what server-side apply
 * records equals what the operator computes on the next reconcile. The operator's own labels and annotations win over a user's of the same key
 * (SpecValidation and the CRD refuse such keys first), and the user's labels never reach a selector.
 */
public final class PodScheduling {
  /** The node label clouds (DOKS, GKE, AKS, EKS) set to the node's availability zone. */
  public static final String ZONE = "topology.kubernetes.io/zone";

  private PodScheduling() {
  }

  /**
   * Applies {@code spec} to {@code template}, whose pods {@code selector} selects. {@code severalPods}: more
   * than one pod may run, so the default zone spread applies.
   */
  public static void apply(PodTemplateSpec template, WorkloadSpec spec, Map<String, String> selector,
      boolean severalPods) {
    var pod = template.getSpec();
    // Empty collections, as fabric8 builds and reads them (a cached copy equals the desired object), are
    // left out when serialized: nothing empty is applied.
    pod.setNodeSelector(new LinkedHashMap<>(spec.nodeSelector()));
    pod.setTolerations(spec.tolerations().stream().map(t -> new TolerationBuilder(t).build())
        .collect(Collectors.toCollection(ArrayList::new)));
    if (spec.getAffinity() != null) {
      pod.setAffinity(isEmpty(spec.getAffinity()) ? null : new AffinityBuilder(spec.getAffinity()).build());
    }
    pod.setTopologySpreadConstraints(topologySpread(spec, selector, severalPods));
    String priority = spec.getPriorityClassName();
    pod.setPriorityClassName(priority == null || priority.isBlank() ? null : priority);
    var metadata = template.getMetadata();
    metadata.setLabels(withUsers(metadata.getLabels(), spec.podLabels()));
    metadata.setAnnotations(withUsers(metadata.getAnnotations(), spec.podAnnotations()));
  }

  /**
   * The user's constraints (a missing labelSelector filled with the component's), or by default, when
   * several pods may run, one soft spread over zones. ScheduleAnyway, because a hard constraint would leave
   * pods Pending on a single-zone cluster, and on nodes without the zone label (a local cluster).
   */
  static List<TopologySpreadConstraint> topologySpread(WorkloadSpec spec, Map<String, String> selector,
      boolean severalPods) {
    if (spec.getTopologySpreadConstraints() != null) {
      return spec.getTopologySpreadConstraints().stream().map(c -> c.getLabelSelector() != null
          ? new TopologySpreadConstraintBuilder(c).build()
          : new TopologySpreadConstraintBuilder(c).withNewLabelSelector().withMatchLabels(new LinkedHashMap<>(selector))
              .endLabelSelector().build())
          .collect(Collectors.toCollection(ArrayList::new));
    }
    if (!severalPods) {
      return new ArrayList<>();
    }
    return new ArrayList<>(List.of(new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(ZONE)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector().withMatchLabels(new LinkedHashMap<>(selector)).endLabelSelector()
        .build()));
  }

  /** {@code affinity: {}}: the user removes the default rule and sets none. */
  static boolean isEmpty(Affinity affinity) {
    return affinity.getNodeAffinity() == null && affinity.getPodAffinity() == null
        && affinity.getPodAntiAffinity() == null;
  }

  /**
   * The operator's entries, then the user's that do not collide with them. Mutable, even when empty (an
   * empty map is not serialized, so not applied).
   */
  static Map<String, String> withUsers(Map<String, String> operators, Map<String, String> users) {
    Map<String, String> merged = new LinkedHashMap<>(operators != null ? operators : Map.of());
    users.forEach(merged::putIfAbsent);
    return merged;
  }
}
