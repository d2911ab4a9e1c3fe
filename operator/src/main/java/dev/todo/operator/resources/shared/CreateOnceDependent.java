package dev.todo.operator.resources.shared;

import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.status.TodoAppEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * A child the operator creates once and then leaves as it is: a generated Secret (its value must
 * not change under running pods) or a volume claim (its size and class are fixed once it exists).
 * The create is recorded as an Event on the TodoApp; the informer caches compactly
 * ({@link CompactCache}). Whether it is deleted with the TodoApp is each subclass's choice.
 */
public abstract class CreateOnceDependent<R extends HasMetadata> extends KubernetesDependentResource<R, TodoApp>
    implements Creator<R, TodoApp> {

  protected CreateOnceDependent(Class<R> type) {
    super(type);
  }

  @Override
  protected InformerEventSource<R, TodoApp> createEventSource(EventSourceContext<TodoApp> context) {
    InformerEventSource<R, TodoApp> source = CompactCache.eventSource(super.createEventSource(context), context);
    setEventSource(source);
    return source;
  }

  @Override
  public R create(R desired, TodoApp app, Context<TodoApp> context) {
    R created = super.create(desired, app, context);
    TodoAppEvents.created(context.getClient(), app, desired);
    return created;
  }
}
