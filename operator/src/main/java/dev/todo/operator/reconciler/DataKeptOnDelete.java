package dev.todo.operator.reconciler;

import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.dependent.TodoAppEvents;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnDeleteFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;

/**
 * When the managed database's StatefulSet goes (its TodoApp was deleted, or left database.managed),
 * records an Event on the TodoApp naming the volumes that stay and how to use them again, or that
 * Kubernetes deletes them (deleteDataOnRemoval). The operator uses no finalizer, so it learns of a
 * deletion only from its informers: this is the informer of the StatefulSets, shared with the
 * PostgresStatefulSet dependent, whose delete events it lets through unchanged.
 */
final class DataKeptOnDelete implements OnDeleteFilter<StatefulSet> {
  static final String EVENT_SOURCE = "postgres-statefulsets";
  private final KubernetesClient client;

  private DataKeptOnDelete(KubernetesClient client) {
    this.client = client;
  }

  static InformerEventSource<StatefulSet, TodoApp> eventSource(EventSourceContext<TodoApp> context) {
    var config = InformerEventSourceConfiguration.from(StatefulSet.class, TodoApp.class)
        .withName(EVENT_SOURCE)
        .withNamespacesInheritedFromController()
        .withLabelSelector(Labels.DATABASE_SELECTOR)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(TodoApp.class, false))
        .withOnDeleteFilter(new DataKeptOnDelete(context.getClient()))
        .build();
    return CompactCache.eventSource(config, context, ChildNames::postgres);
  }

  @Override
  public boolean accept(StatefulSet statefulSet, Boolean deletedFinalStateUnknown) {
    OwnerReference owner = statefulSet.getMetadata().getOwnerReferences() == null ? null
        : statefulSet.getMetadata().getOwnerReferences().stream()
            .filter(o -> "TodoApp".equals(o.getKind())).findFirst().orElse(null);
    String name = statefulSet.getMetadata().getLabels() == null ? null
        : statefulSet.getMetadata().getLabels().get(Labels.INSTANCE);
    if (owner != null && name != null) {
      TodoApp app = new TodoApp();
      app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(statefulSet.getMetadata().getNamespace())
          .withUid(owner.getUid()).build());
      var policy = statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy();
      boolean deleted = policy != null && "Delete".equals(policy.getWhenDeleted());
      TodoAppEvents.emit(client, app, "Normal", deleted ? "DataDeleted" : "DataKept", message(name,
          statefulSet.getMetadata().getNamespace(), deleted));
    }
    return true;
  }

  static String message(String app, String namespace, boolean deleted) {
    String data = "data-" + app + "-postgres-0";
    String backups = app + "-backups";
    if (deleted) {
      return "The managed database was removed with spec.database.managed.deleteDataOnRemoval: Kubernetes deletes"
          + " its PersistentVolumeClaims " + data + " (the database) and " + backups + " (its backups)";
    }
    return "The managed database was removed (TodoApp deleted, or database.managed left); its data stays:"
        + " PersistentVolumeClaims " + data + " (the database) and " + backups + " (its backups). A TodoApp named "
        + app + " with database.managed in namespace " + namespace + " uses " + data + " again; a new TodoApp can"
        + " load a dump with spec.database.restoreFrom: {pvc: " + backups + ", dump: latest}. To free the space:"
        + " kubectl -n " + namespace + " delete pvc " + data + " " + backups;
  }
}
