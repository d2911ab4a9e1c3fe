package dev.todo.operator.reconciler;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.resources.shared.ChildNames;
import dev.todo.operator.status.TodoAppEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnDeleteFilter;

/**
 * When a TodoApp with a managed database is deleted, records an Event saying which volumes stay and
 * how to use them again (or that they go, with deleteDataOnRemoval). The operator uses no finalizer, so
 * it hears of a deletion only through its informer; this hook lets every deletion through unchanged.
 */
public class DataKeptOnDelete implements OnDeleteFilter<TodoApp> {
  private static volatile KubernetesClient client;

  /** The client Events are written with; set when the reconciler's event sources are prepared. */
  static void use(KubernetesClient kubernetesClient) {
    client = kubernetesClient;
  }

  @Override
  public boolean accept(TodoApp app, Boolean deletedFinalStateUnknown) {
    KubernetesClient events = client;
    if (events != null && app.getSpec() != null && app.getSpec().database().mode() == DatabaseMode.MANAGED) {
      boolean deleted = app.getSpec().getDatabase().getManaged().deleteDataOnRemoval();
      TodoAppEvents.emit(events, app, "Normal", deleted ? "DataDeleted" : "DataKept", message(app, deleted));
    }
    return true;
  }

  static String message(TodoApp app, boolean deleted) {
    String data = ChildNames.postgresData(app);
    String backups = ChildNames.backups(app);
    if (deleted) {
      return "TodoApp deleted with spec.database.managed.deleteDataOnRemoval: Kubernetes deletes its"
          + " PersistentVolumeClaims " + data + " (the database) and " + backups + " (its backups) with it";
    }
    return "TodoApp deleted; its data stays: PersistentVolumeClaims " + data + " (the database) and " + backups
        + " (its backups). A new TodoApp named " + app.getMetadata().getName() + " with database.managed in"
        + " namespace " + app.getMetadata().getNamespace() + " uses " + data + " again; any new TodoApp can load"
        + " a dump with spec.database.restoreFrom: {pvc: " + backups + ", dump: latest}. To free the space: kubectl"
        + " delete pvc " + data + " " + backups;
  }
}
