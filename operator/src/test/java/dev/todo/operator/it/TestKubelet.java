package dev.todo.operator.it;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the kubelet for the pods of one namespace: the test control plane has a scheduler but no
 * node, kubelet or container runtime, so pods stay Pending (Unschedulable). This marks every pod Running with all
 * containers started and ready, through the pod's status subresource, as a kubelet would report it;
 * the ReplicaSet, Deployment and StatefulSet controllers then compute their own status from it.
 * It writes as user {@code admin}, so its writes are never counted as the operator's.
 */
public final class TestKubelet implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final SharedIndexInformer<Pod> informer;
  // Status writes off the informer thread (which must keep up with events), a few at a time, so that
  // hundreds of pods start about as fast as real kubelets would report them.
  private final ExecutorService writer = Executors.newFixedThreadPool(4, r -> new Thread(r, "test-kubelet"));
  private final AtomicInteger podsStarted = new AtomicInteger();

  private TestKubelet(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        writer.execute(() -> markReady(pod.getMetadata().getName()));
      }

      @Override
      public void onUpdate(Pod before, Pod pod) {
        if (!isReady(pod) && !hasEnded(pod)) {
          writer.execute(() -> markReady(pod.getMetadata().getName()));
        }
      }

      @Override
      public void onDelete(Pod pod, boolean unknownFinalState) {
      }
    });
  }

  /** Starts marking every pod of {@code namespace} (present and future) Running and Ready. */
  public static TestKubelet start(KubernetesClient client, String namespace) {
    return new TestKubelet(client, namespace);
  }

  /** How many pods this kubelet has marked ready so far. */
  public int podsStarted() {
    return podsStarted.get();
  }

  /** A pod a test finished (a Job's pod it marked Succeeded or Failed) stays finished. */
  static boolean hasEnded(Pod pod) {
    return pod.getStatus() != null
        && ("Succeeded".equals(pod.getStatus().getPhase()) || "Failed".equals(pod.getStatus().getPhase()));
  }

  /** Ends a Job's pod as its container would: exit code 0 (Succeeded) or 1 (Failed), with a termination message. */
  public void finish(String podName, boolean success, String terminationMessage) {
    Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
    String now = Instant.now().toString();
    io.fabric8.kubernetes.api.model.PodStatus status = readyStatus(pod, now);
    status.setPhase(success ? "Succeeded" : "Failed");
    status.getConditions().forEach(c -> {
      if ("Ready".equals(c.getType()) || "ContainersReady".equals(c.getType())) {
        c.setStatus("False");
        c.setReason("PodCompleted");
      }
    });
    status.setContainerStatuses(pod.getSpec().getContainers().stream()
        .map(c -> containerStatus(c, false).withNewState().withNewTerminated().withExitCode(success ? 0 : 1)
            .withReason(success ? "Completed" : "Error").withMessage(terminationMessage)
            .withStartedAt(now).withFinishedAt(now).endTerminated().endState().build())
        .toList());
    pod.setStatus(status);
    client.pods().inNamespace(namespace).resource(pod).updateStatus();
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void markReady(String name) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      if (pod == null || pod.getMetadata().getDeletionTimestamp() != null || isReady(pod) || hasEnded(pod)) {
        return;
      }
      pod.setStatus(readyStatus(pod, Instant.now().toString()));
      try {
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
        podsStarted.incrementAndGet();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          if (e.getCode() == 404) {
            return;
          }
          throw e;
        }
      }
    }
  }

  /** What a kubelet reports for a pod whose containers all started and passed their readiness probes. */
  static io.fabric8.kubernetes.api.model.PodStatus readyStatus(Pod pod, String now) {
    List<PodCondition> conditions = List.of("PodScheduled", "Initialized", "ContainersReady", "Ready").stream()
        .map(type -> new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now)
            .build())
        .toList();
    List<ContainerStatus> containers = pod.getSpec().getContainers().stream()
        .map(c -> containerStatus(c, true).withNewState().withNewRunning().withStartedAt(now).endRunning()
            .endState().build())
        .toList();
    List<ContainerStatus> initContainers = pod.getSpec().getInitContainers() == null ? List.of()
        : pod.getSpec().getInitContainers().stream()
            .map(c -> containerStatus(c, false).withNewState().withNewTerminated().withExitCode(0)
                .withReason("Completed").withStartedAt(now).withFinishedAt(now).endTerminated().endState().build())
            .toList();
    return new PodStatusBuilder()
        .withPhase("Running")
        .withHostIP("127.0.0.1")
        .withPodIP("10.244.0." + (1 + Math.floorMod(pod.getMetadata().getName().hashCode(), 250)))
        .withStartTime(now)
        // The API server computes the QoS class at creation and refuses a status that changes it.
        .withQosClass(pod.getStatus() != null ? pod.getStatus().getQosClass() : null)
        .withConditions(conditions)
        .withContainerStatuses(containers)
        .withInitContainerStatuses(initContainers)
        .build();
  }

  private static ContainerStatusBuilder containerStatus(Container c, boolean running) {
    return new ContainerStatusBuilder()
        .withName(c.getName())
        .withImage(c.getImage())
        .withImageID("docker-pullable://" + c.getImage())
        .withContainerID("containerd://" + Integer.toHexString(c.hashCode()))
        .withReady(running)
        .withStarted(running)
        .withRestartCount(0);
  }

  @Override
  public void close() {
    informer.close();
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
