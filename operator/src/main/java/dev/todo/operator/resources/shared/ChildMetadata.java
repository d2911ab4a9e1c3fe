package dev.todo.operator.resources.shared;

import dev.todo.operator.model.TodoApp;
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
}
