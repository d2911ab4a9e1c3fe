package dev.todo.operator.resources.shared;

import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.status.TodoAppEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * A child the operator creates once and then leaves as it is: a generated Secret (its value must
 * not change under running pods) or a volume claim (its size and class are fixed once it exists).
 * The create is recorded as an Event on the TodoApp; the informer caches compactly
 * ({@link CompactCache}). Whether it is deleted with the TodoApp is each subclass's choice.
 */
public abstract class CreateOnceDependent<R extends HasMetadata> extends KubernetesDependentResource<R, TodoApp>
    implements Creator<R, TodoApp> {
  /** The name of this child of a TodoApp (ChildNames), by which its event source finds it. */
  private final Function<TodoApp, String> childName;

  protected CreateOnceDependent(Class<R> type, Function<TodoApp, String> childName) {
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
}
