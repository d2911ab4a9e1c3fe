package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import java.util.function.Function;

/**
 * A child the operator creates, keeps as desired (an edit by hand is reverted, a deletion undone)
 * and leaves to Kubernetes' garbage collector through its owner reference. Creates and updates are
 * told in Events on the TodoApp that list the children, not one Event each ({@link TodoAppEvents}).
 * (java-operator-sdk's CRUDKubernetesDependentResource is these three interfaces on the same base.)
 */
public abstract class TodoAppDependent<R extends HasMetadata> extends ChildDependent<R>
    implements Creator<R, TodoApp>, Updater<R, TodoApp>, GarbageCollected<TodoApp> {

  protected TodoAppDependent(Class<R> type, Function<TodoApp, String> childName) {
    super(type, childName);
  }

  @Override
  public R update(R actual, R desired, TodoApp app, Context<TodoApp> context) {
    R updated = super.update(actual, desired, app, context);
    TodoAppEvents.updated(app, desired);
    return updated;
  }
}
