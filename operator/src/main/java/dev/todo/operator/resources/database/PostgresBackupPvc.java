package dev.todo.operator.resources.database;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.BackupStorageSpec;
import dev.todo.operator.resources.shared.ChildMetadata;
import dev.todo.operator.resources.shared.ChildNames;
import dev.todo.operator.resources.shared.Component;
import dev.todo.operator.resources.shared.CreateOnceDependent;
import dev.todo.operator.resources.shared.Labels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * {@code <name>-backups}: the volume the dumps are written to. It has no owner reference, so deleting
 * the TodoApp leaves it (and its dumps) behind for a new TodoApp to restore from; with
 * spec.database.managed.deleteDataOnRemoval it is owned by the TodoApp and goes with it (the reconciler
 * keeps that ownership as the flag says later on). Create-only otherwise: a claim's size and class are
 * fixed once it exists.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.BACKUP_SELECTOR))
public class PostgresBackupPvc extends CreateOnceDependent<PersistentVolumeClaim> {

  public PostgresBackupPvc() {
    super(PersistentVolumeClaim.class, ChildNames::backups);
  }

  /** Whether the TodoApp owns the volume (and Kubernetes deletes it with the TodoApp). */
  public static boolean ownedBy(PersistentVolumeClaim pvc, TodoApp app) {
    return pvc.getMetadata().getOwnerReferences() != null && pvc.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> o.getUid() != null && o.getUid().equals(app.getMetadata().getUid()));
  }

  @Override
  protected PersistentVolumeClaim desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static PersistentVolumeClaim build(TodoApp app) {
    var managed = PostgresBackupJob.managed(app);
    BackupStorageSpec storage = managed.backup().storage();
    ObjectMeta meta = ChildMetadata.of(app, ChildNames.backups(app), Component.BACKUP);
    if (!managed.deleteDataOnRemoval()) {
      meta.setOwnerReferences(null);
    }
    return new PersistentVolumeClaimBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(storage.getStorageClassName())
        .withNewResources().addToRequests("storage", new Quantity(storage.size())).endResources()
        .endSpec()
        .build();
  }
}
