package dev.todo.operator.it;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Objects;
import org.awaitility.Awaitility;

/**
 * On-demand backups of a TodoApp on a test cluster, ended as their script would end them: asks for one
 * with the todo.dev/backup-now annotation, waits for its Job, and has the test kubelet end the Job's pod
 * with an exit status and a termination message, then waits for the Job controller to complete or fail the
 * Job.
 */
final class OnDemandBackups {
  private final TestCluster cluster;
  private final String app;

  OnDemandBackups(TestCluster cluster, String app) {
    this.cluster = cluster;
    this.app = app;
  }

  /** Annotates the TodoApp with todo.dev/backup-now={@code value} and returns the Job started for it. */
  Job request(String value) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(() -> cluster.apps().api().inNamespace(cluster.ns()).withName(app).edit(a -> {
          if (a.getMetadata().getAnnotations() == null) {
            a.getMetadata().setAnnotations(new HashMap<>());
          }
          a.getMetadata().getAnnotations().put("todo.dev/backup-now", value);
          return a;
        }) != null);
    return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> cluster.admin().batch().v1().jobs().inNamespace(cluster.ns()).list().getItems().stream()
            .filter(j -> j.getMetadata().getAnnotations() != null
                && value.equals(j.getMetadata().getAnnotations().get("todo.dev/backup-for")))
            .findFirst().orElse(null), Objects::nonNull);
  }

  /** Ends the Job's running pod as {@link #endPod} does and waits for the Job to end accordingly. */
  void finish(Job job, boolean success, String terminationMessage) {
    endPod(job, success, terminationMessage);
    awaitEnded(job, success);
  }

  /** Ends the Job's running pod: succeeded or failed, with the script's termination message. */
  void endPod(Job job, boolean success, String terminationMessage) {
    Pod pod = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
        .until(() -> cluster.admin().pods().inNamespace(cluster.ns()).withLabel("job-name", job.getMetadata().getName())
            .list().getItems().stream().filter(TestKubelet::isReady).findFirst().orElse(null), Objects::nonNull);
    Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreException(KubernetesClientException.class)
        .untilAsserted(() -> cluster.kubelet().finish(pod.getMetadata().getName(), success, terminationMessage));
  }

  /** Until the Job controller has ended the Job: a request made before would find this Job still running. */
  void awaitEnded(Job job, boolean success) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Job now = cluster.admin().batch().v1().jobs().inNamespace(cluster.ns()).withName(job.getMetadata().getName()).get();
      return now.getStatus() != null && now.getStatus().getConditions() != null && now.getStatus().getConditions()
          .stream().anyMatch(c -> (success ? "Complete" : "Failed").equals(c.getType()) && "True".equals(c.getStatus()));
    });
  }
}
