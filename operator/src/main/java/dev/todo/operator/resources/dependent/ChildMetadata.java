package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Metadata of a child: name, namespace, labels and the owner reference that lets Kubernetes garbage-collect it. */
public final class ChildMetadata {
  private ChildMetadata() {
  }

  public static ObjectMeta of(TodoApp app, String name, Component component) {
    ObjectMetaBuilder meta = new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(Labels.of(app, component));
    // Offline rendering has no uid: the owner reference is then added when the object is applied.
    if (app.getMetadata().getUid() != null) {
      meta.withOwnerReferences(new OwnerReferenceBuilder()
          .withApiVersion(app.getApiVersion())
          .withKind(app.getKind())
          .withName(app.getMetadata().getName())
          .withUid(app.getMetadata().getUid())
          .withController(true)
          .withBlockOwnerDeletion(true)
          .build());
    }
    return meta.build();
  }

  /**
   * True when {@code child} names {@code app} as its owner (by uid). The operator deletes only such
   * objects: a user's object that merely has a child's name (a Secret "todo-jwt" the user made for
   * spec.auth.jwtSecretRef) is never the operator's to delete.
   */
  public static boolean ownedBy(TodoApp app, HasMetadata child) {
    return child.getMetadata().getOwnerReferences() != null && child.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> o.getUid() != null && o.getUid().equals(app.getMetadata().getUid()));
  }
}
