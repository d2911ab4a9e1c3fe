package dev.todo.operator.resources.backend;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.model.spec.EmbeddedDatabaseSpec;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.CreateOnceDependent;
import dev.todo.operator.resources.dependent.Labels;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * {@code <name>-backend-data}: the volume of the embedded database. Create-only and never deleted by
 * the operator: switching the TodoApp to another database mode keeps the data (the owner reference
 * still removes it with the TodoApp). Its spec is immutable once bound, so it is never updated.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.BACKEND_SELECTOR))
public class BackendDataPvc extends CreateOnceDependent<PersistentVolumeClaim> {

  public BackendDataPvc() {
    super(PersistentVolumeClaim.class, ChildNames::backendData);
  }

  @Override
  protected PersistentVolumeClaim desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static PersistentVolumeClaim build(TodoApp app) {
    EmbeddedDatabaseSpec spec = app.getSpec().database().getEmbedded() != null
        ? app.getSpec().database().getEmbedded() : new EmbeddedDatabaseSpec();
    return new PersistentVolumeClaimBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.backendData(app), Component.BACKEND))
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(spec.getStorageClassName())
        .withNewResources().addToRequests("storage", new Quantity(spec.storage())).endResources()
        .endSpec()
        .build();
  }

  /** Reconcile precondition: the embedded database is in use. */
  public static class Wanted implements Condition<PersistentVolumeClaim, TodoApp> {
    @Override
    public boolean isMet(DependentResource<PersistentVolumeClaim, TodoApp> dependent, TodoApp app,
        Context<TodoApp> context) {
      return app.getSpec().database().mode() == DatabaseMode.EMBEDDED;
    }
  }
}
