package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.dependent.ServedApis;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.ComponentSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.List;
import java.util.Map;

/** The parts of the backend and frontend Deployments that are the same: the pod around the container. */
public final class AppDeployment {
  private AppDeployment() {
  }

  /** What a Deployment builder needs besides the spec: values the operator observed. */
  public record Inputs(String configHash, boolean hpaActive) {
  }

  /**
   * Inputs read from the cluster: the hash over the ConfigMap's data (and, for the backend, the
   * referenced Secrets' values), and whether an HPA can exist at all.
   */
  public static Inputs observe(TodoApp app, io.javaoperatorsdk.operator.api.reconciler.Context<TodoApp> context,
      boolean withSecrets) {
    Map<String, String> hashed = new java.util.LinkedHashMap<>();
    AppConfigMap.data(app).forEach((key, value) -> hashed.put("configmap/" + key, value));
    if (withSecrets) {
      hashed.putAll(ReferencedSecrets.values(context, app));
    }
    return new Inputs(ConfigHash.of(hashed), ServedApis.isServed(context.getClient(), ServedApis.HPA));
  }

  public static Deployment build(TodoApp app, Component component, String name, ComponentSpec spec,
      Container container, List<Volume> volumes, Inputs inputs, boolean recreate) {
    Map<String, String> selector = Labels.selector(app, component);
    DeploymentBuilder deployment = new DeploymentBuilder()
        .withMetadata(ChildMetadata.of(app, name, component));
    var deploymentSpec = deployment.withNewSpec();
    // With an active autoscaler the HPA owns spec.replicas: leaving the field out releases it
    // (with server-side apply, the field is then no longer ours and the HPA's writes stand).
    if (!(spec.autoscaling().enabled() && inputs.hpaActive())) {
      deploymentSpec.withReplicas(spec.autoscaling().enabled() ? spec.autoscaling().minReplicas() : spec.replicas());
    }
    Deployment built = deploymentSpec
        .withRevisionHistoryLimit(5)
        .withNewSelector().withMatchLabels(selector).endSelector()
        .withStrategy(strategy(recreate))
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Labels.of(app, component))
        .withAnnotations(Map.of(ConfigHash.ANNOTATION, inputs.configHash()))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodSecurity.pod(PodSecurity.APP_UID))
        .withAffinity(PodSecurity.spreadOverNodes(selector))
        .withImagePullSecrets(app.getSpec().getImagePullSecrets())
        .withContainers(container)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
    PodScheduling.apply(built.getSpec().getTemplate(), spec, selector, spec.mayRunSeveralPods());
    return built;
  }

  /**
   * RollingUpdate with one extra pod and none unavailable, so a rollout never drops capacity; Recreate
   * where two pods cannot run at once (the embedded database's volume and file lock).
   */
  static DeploymentStrategy strategy(boolean recreate) {
    if (recreate) {
      return new DeploymentStrategyBuilder().withType("Recreate").build();
    }
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .build();
  }

  /** Seconds a stopping pod keeps serving before its process gets SIGTERM. */
  public static final long DRAIN_SECONDS = 15;

  /**
   * Keeps a stopping pod serving for {@value #DRAIN_SECONDS} s before its process is told to stop: the
   * pod leaves the Service's endpoints at once, but kube-proxy and the ingress controller stop sending
   * to it only when the change reaches them. Without it a rolling update fails the requests routed to
   * a pod that already exited (seen as 502s through the ingress on a real node). 5 s was not enough
   * under load: an autoscaler's scale-in during the load test, on a busy 2-core node, failed 97 of
   * 3,000 requests (502 while the process stopped, then 30 s dial timeouts once its IP was gone) for
   * 7.5-10.5 s after the pods were deleted, because the ingress controller still sent to them. The
   * pod's default 30 s grace period covers the sleep and the backend's sub-second shutdown. The sleep
   * is done by the kubelet (no shell in the image needed, allowed under the restricted Pod Security
   * Standard).
   */
  public static Lifecycle drainBeforeStop() {
    return new LifecycleBuilder().withNewPreStop().withNewSleep().withSeconds(DRAIN_SECONDS).endSleep().endPreStop()
        .build();
  }

  public static Probe httpProbe(String path, int port, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(port)).withScheme("HTTP").endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(3)
        .withFailureThreshold(failureThreshold)
        .withSuccessThreshold(1)
        .build();
  }

  /**
   * A scratch directory with a size limit. The limit keeps a runaway writer from filling the node's
   * disk, and it keeps server-side apply quiet: an empty {@code emptyDir: {}} is dropped from the
   * applied fields the API server records, so JOSDK's matcher saw a difference on every reconcile
   * and re-applied the Deployment forever (found against a real API server).
   */
  public static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().withSizeLimit(new Quantity(EMPTY_DIR_SIZE_LIMIT))
        .endEmptyDir().build();
  }

  /** Size limit of every scratch volume. */
  public static final String EMPTY_DIR_SIZE_LIMIT = "1Gi";

  public static ResourceRequirements resources(ResourceRequirements given, String cpuRequest, String memoryRequest,
      String memoryLimit) {
    if (given != null && ((given.getRequests() != null && !given.getRequests().isEmpty())
        || (given.getLimits() != null && !given.getLimits().isEmpty()))) {
      return given;
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(cpuRequest))
        .addToRequests("memory", new Quantity(memoryRequest))
        .addToLimits("memory", new Quantity(memoryLimit))
        .build();
  }
}
