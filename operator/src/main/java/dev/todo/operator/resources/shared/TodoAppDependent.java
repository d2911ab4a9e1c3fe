package dev.todo.operator.resources.shared;

import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.status.TodoAppEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * A child the operator creates, keeps as desired (an edit by hand is reverted, a deletion undone)
 * and leaves to Kubernetes' garbage collector through its owner reference. Every create and update
 * is recorded as an Event on the TodoApp. Its informer caches compactly ({@link CompactCache}).
 */
public abstract class TodoAppDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, TodoApp> {
  /** The name of this child of a TodoApp (ChildNames), by which its event source finds it. */
  private final Function<TodoApp, String> childName;

  protected TodoAppDependent(Class<R> type, Function<TodoApp, String> childName) {
    super(type);
    this.childName = childName;
  }

  @Override
  protected InformerEventSource<R, TodoApp> createEventSource(EventSourceContext<TodoApp> context) {
    InformerEventSource<R, TodoApp> source = CompactCache.eventSource(super.createEventSource(context), context,
        childName);
    setEventSource(source);
    return source;
  }

  /**
   * This child, by its name, in the informer this dependent uses (its own, or the one it shares with
   * the other children of its kind: {@link SharedInformers}). java-operator-sdk would look in every
   * event source of the kind, and the referenced Secrets' informer holds the user's Secrets, one of
   * which may have this child's name.
   */
  @Override
  public Optional<R> getSecondaryResource(TodoApp app, Context<TodoApp> context) {
    ResourceID id = new ResourceID(childName.apply(app), app.getMetadata().getNamespace());
    return eventSource().flatMap(source -> source.get(id));
  }

  /** Deletes only what this TodoApp owns (see {@link ChildMetadata#ownedBy}). */
  @Override
  protected void handleDelete(TodoApp app, R child, Context<TodoApp> context) {
    if (child != null && ChildMetadata.ownedBy(app, child)) {
      super.handleDelete(app, child, context);
    }
  }

  @Override
  public R create(R desired, TodoApp app, Context<TodoApp> context) {
    R created = super.create(desired, app, context);
    TodoAppEvents.created(context.getClient(), app, desired);
    return created;
  }

  @Override
  public R update(R actual, R desired, TodoApp app, Context<TodoApp> context) {
    R updated = super.update(actual, desired, app, context);
    TodoAppEvents.emit(context.getClient(), app, "Normal", "Updated",
        "Updated " + desired.getKind() + " " + desired.getMetadata().getName() + " to the desired state");
    return updated;
  }
}
