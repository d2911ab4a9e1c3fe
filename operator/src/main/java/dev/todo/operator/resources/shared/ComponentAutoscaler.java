package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.AutoscalingSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;

/** The HorizontalPodAutoscaler (autoscaling/v2) of one component's Deployment. */
public final class ComponentAutoscaler {
  private ComponentAutoscaler() {
  }

  public static HorizontalPodAutoscaler build(TodoApp app, Component component, String deploymentName,
      AutoscalingSpec spec) {
    HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder()
        .withMetadata(ChildMetadata.of(app, deploymentName, component))
        .withNewSpec()
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(deploymentName)
        .endScaleTargetRef()
        .withMinReplicas(spec.minReplicas())
        .withMaxReplicas(spec.maxReplicas())
        .withMetrics(new MetricSpecBuilder()
            .withType("Resource")
            .withNewResource().withName("cpu")
            .withNewTarget().withType("Utilization").withAverageUtilization(spec.targetCpu()).endTarget()
            .endResource()
            .build())
        .endSpec()
        .build();
    if (spec.scaleDownStabilization() != null) {
      // Only the window: the rest of the scale-down policy stays Kubernetes' default.
      hpa.getSpec().setBehavior(new HorizontalPodAutoscalerBehaviorBuilder()
          .withNewScaleDown().withStabilizationWindowSeconds(spec.scaleDownStabilization()).endScaleDown()
          .build());
    }
    return hpa;
  }
}
