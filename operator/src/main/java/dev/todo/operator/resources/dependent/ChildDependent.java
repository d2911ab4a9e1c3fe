package dev.todo.operator.resources.dependent;

import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every child of a TodoApp has in common, whatever the operator does with it after creating it
 * ({@link TodoAppDependent}: kept as desired; {@link CreateOnceDependent}: left as created): its name
 * comes from the TodoApp's ({@link ChildNames}), its informer caches compactly ({@link CompactCache})
 * unless it shares one of its kind ({@link SharedInformers}), it is found in that informer by its name,
 * it is deleted only when the TodoApp owns it, and its creation is told in the TodoApp's one "Created"
 * Event ({@link TodoAppEvents}).
 */
public abstract class ChildDependent<R extends HasMetadata> extends KubernetesDependentResource<R, TodoApp> {
  /** The name of this child of a TodoApp (ChildNames), by which its event source finds it. */
  private final Function<TodoApp, String> childName;

  protected ChildDependent(Class<R> type, Function<TodoApp, String> childName) {
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
   * the other children of its kind). java-operator-sdk would look in every event source of the kind,
   * and the referenced Secrets' informer holds the user's Secrets, one of which may have this child's
   * name.
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
    TodoAppEvents.created(app, desired);
    return created;
  }
}
