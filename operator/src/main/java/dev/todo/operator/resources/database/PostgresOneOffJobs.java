package dev.todo.operator.resources.database;

import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.dependent.TodoAppEvents;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The managed database's one-off Jobs ({@link PostgresBackupJob} on demand and before an upgrade,
 * {@link PostgresRestoreJob}): their informer, and creating and deleting them as the data-safety
 * decisions ask ({@code dev.todo.operator.datasafety}).
 *
 * <p>Not dependents in the workflow, unlike the CronJob: a dependent keeps one object in its desired
 * state for as long as its condition holds, and deletes it (or stops caring) when it no longer does.
 * These Jobs are created once per request (each backup-now value, each image change) and must then be
 * left alone: a finished Job stays for {@code kubectl logs}, nothing is created again when its request
 * is over, and nothing is deleted because a newer request came. java-operator-sdk's bulk dependents
 * would delete every Job that is no longer desired; a single dependent would have to know which
 * requests were already served, which only the status records. So the decisions say what to start
 * (knowing the status), and this class starts it.
 */
public final class PostgresOneOffJobs {
  public static final String EVENT_SOURCE = "backup-jobs";
  private static final Logger LOG = Logger.getLogger(PostgresOneOffJobs.class);

  private PostgresOneOffJobs() {
  }

  /** The backup and restore Jobs of every TodoApp (their CronJob's too), mapped by their instance label. */
  public static InformerEventSource<Job, TodoApp> eventSource(EventSourceContext<TodoApp> context) {
    var config = InformerEventSourceConfiguration.from(Job.class, TodoApp.class)
        .withName(EVENT_SOURCE)
        .withNamespacesInheritedFromController()
        .withLabelSelector(Labels.BACKUP_SELECTOR)
        .withSecondaryToPrimaryMapper(job -> job.getMetadata().getLabels() == null
            || job.getMetadata().getLabels().get(Labels.INSTANCE) == null ? Set.of()
            : Set.of(new ResourceID(job.getMetadata().getLabels().get(Labels.INSTANCE),
                job.getMetadata().getNamespace())))
        .build();
    return CompactCache.eventSource(config, context);
  }

  /** This TodoApp's Jobs, from the informer's cache. */
  public static List<Job> of(TodoApp app, Context<TodoApp> context) {
    return context.getSecondaryResourcesAsStream(Job.class)
        .filter(j -> app.getMetadata().getNamespace().equals(j.getMetadata().getNamespace()))
        .toList();
  }

  /**
   * Creates the Job unless the cache or the API server already has it (the cache may lag behind the
   * operator's own writes), and records {@code event} on the TodoApp when it did.
   */
  public static void create(KubernetesClient client, TodoApp app, List<Job> cached, Job job, String event) {
    if (cached.stream().anyMatch(j -> job.getMetadata().getName().equals(j.getMetadata().getName()))) {
      return;
    }
    try {
      client.batch().v1().jobs().inNamespace(app.getMetadata().getNamespace()).resource(job).create();
      TodoAppEvents.emit(client, app, "Normal", "BackupJobStarted", event);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  public static void delete(KubernetesClient client, String namespace, String name) {
    client.batch().v1().jobs().inNamespace(namespace).withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  /**
   * What the newest pod of a Job wrote as its termination message (the scripts write one line: the
   * dump and its size, or why they failed), the last 500 characters; empty when it wrote none or its
   * pods cannot be read.
   */
  public static Optional<String> terminationMessage(KubernetesClient client, String namespace, String job) {
    try {
      List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems();
      return pods.stream()
          .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
          .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed())
          .flatMap(p -> p.getStatus().getContainerStatuses().stream())
          .map(ContainerStatus::getState)
          .filter(s -> s != null && s.getTerminated() != null && s.getTerminated().getMessage() != null)
          .map(s -> s.getTerminated().getMessage().trim())
          .map(m -> m.length() > 500 ? m.substring(m.length() - 500) : m)
          .findFirst();
    } catch (KubernetesClientException e) {
      LOG.debugf(e, "Could not read the pods of Job %s", job);
      return Optional.empty();
    }
  }
}
