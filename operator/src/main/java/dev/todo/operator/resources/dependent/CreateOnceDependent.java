package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import java.util.function.Function;

/**
 * A child the operator creates once and then leaves as it is: a generated Secret (its value must
 * not change under running pods) or a volume claim (its size and class are fixed once it exists).
 * The create is told in the TodoApp's "Created" Event. Whether it is deleted with the TodoApp is each
 * subclass's choice.
 */
public abstract class CreateOnceDependent<R extends HasMetadata> extends ChildDependent<R>
    implements Creator<R, TodoApp> {

  protected CreateOnceDependent(Class<R> type, Function<TodoApp, String> childName) {
    super(type, childName);
  }

  /**
   * Whether the TodoApp wants this child (always, unless a subclass says otherwise). A child that others
   * depend on in the workflow ({@code dependsOn}) says it here, not with a {@code reconcilePrecondition}:
   * java-operator-sdk deletes every dependent of a child whose precondition is not met, and the backend
   * Deployment depends on the generated Secrets, which a TodoApp does not always want.
   */
  protected boolean wanted(TodoApp app) {
    return true;
  }

  /** An unwanted child is handled as an unmet precondition would be, but its dependents are reconciled. */
  @Override
  public ReconcileResult<R> reconcile(TodoApp app, Context<TodoApp> context) {
    if (wanted(app)) {
      return super.reconcile(app, context);
    }
    if (this instanceof Deleter) {
      // Deleted only when the TodoApp owns it (ChildDependent.handleDelete).
      getSecondaryResource(app, context).ifPresent(child -> handleDelete(app, child, context));
    }
    return ReconcileResult.noOperation(null);
  }
}
