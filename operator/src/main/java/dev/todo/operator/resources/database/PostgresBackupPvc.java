package dev.todo.operator.resources.database;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.BackupStorageSpec;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.CreateOnceDependent;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.dependent.TodoAppEvents;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <name>-backups}: the volume the dumps are written to. It has no owner reference, so deleting
 * the TodoApp leaves it (and its dumps) behind for a new TodoApp to restore from; with
 * spec.database.managed.deleteDataOnRemoval it is owned by the TodoApp and goes with it. The flag may be
 * set or unset at any time: the owner reference is then added or removed, and only that is ever
 * updated (a claim's size and class are fixed once it exists).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.BACKUP_SELECTOR))
public class PostgresBackupPvc extends CreateOnceDependent<PersistentVolumeClaim>
    implements Updater<PersistentVolumeClaim, TodoApp> {

  public PostgresBackupPvc() {
    super(PersistentVolumeClaim.class, ChildNames::backups);
  }

  /** Whether the TodoApp owns the volume (and Kubernetes deletes it with the TodoApp). */
  public static boolean ownedBy(PersistentVolumeClaim pvc, TodoApp app) {
    return pvc.getMetadata().getOwnerReferences() != null && pvc.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> o.getUid() != null && o.getUid().equals(app.getMetadata().getUid()));
  }

  /** Whether the TodoApp should own the volume: spec.database.managed.deleteDataOnRemoval. */
  static boolean ownerWanted(TodoApp app) {
    return PostgresBackupJob.managed(app).deleteDataOnRemoval();
  }

  @Override
  protected PersistentVolumeClaim desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static PersistentVolumeClaim build(TodoApp app) {
    BackupStorageSpec storage = PostgresBackupJob.managed(app).backup().storage();
    ObjectMeta meta = ChildMetadata.of(app, ChildNames.backups(app), Component.BACKUP);
    if (!ownerWanted(app)) {
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

  /** Only the owner reference is compared: it is all that changes after the claim was created. */
  @Override
  public Matcher.Result<PersistentVolumeClaim> match(PersistentVolumeClaim actual, TodoApp app,
      Context<TodoApp> context) {
    return Matcher.Result.nonComputed(ownedBy(actual, app) == ownerWanted(app));
  }

  @Override
  public PersistentVolumeClaim update(PersistentVolumeClaim actual, PersistentVolumeClaim desired, TodoApp app,
      Context<TodoApp> context) {
    boolean owned = ownerWanted(app);
    PersistentVolumeClaim updated = context.getClient().persistentVolumeClaims()
        .inNamespace(actual.getMetadata().getNamespace()).withName(actual.getMetadata().getName())
        .edit(pvc -> {
          pvc.getMetadata().setOwnerReferences(owners(pvc, app));
          return pvc;
        });
    TodoAppEvents.emit(context.getClient(), app, "Normal", owned ? "DataDeletedWithTodoApp" : "DataKeptWithoutTodoApp",
        "PersistentVolumeClaim " + actual.getMetadata().getName() + (owned ? " is now deleted with the TodoApp"
            : " now outlives the TodoApp") + " (spec.database.managed.deleteDataOnRemoval: " + owned + ")");
    return updated;
  }

  /** The claim's owners as deleteDataOnRemoval says: others' references kept, this TodoApp's added or removed. */
  static List<OwnerReference> owners(PersistentVolumeClaim pvc, TodoApp app) {
    List<OwnerReference> owners = new ArrayList<>(pvc.getMetadata().getOwnerReferences() == null ? List.of()
        : pvc.getMetadata().getOwnerReferences());
    owners.removeIf(o -> app.getMetadata().getUid().equals(o.getUid()));
    List<OwnerReference> wanted = build(app).getMetadata().getOwnerReferences();
    if (wanted != null) {
      owners.addAll(wanted);
    }
    return owners;
  }
}
