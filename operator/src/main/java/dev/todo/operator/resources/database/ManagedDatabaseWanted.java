package dev.todo.operator.resources.database;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.DatabaseMode;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Reconcile precondition of every managed-PostgreSQL dependent: spec.database.managed is set. (The
 * credentials Secret, which the backend Deployment depends on, asks it itself: PostgresCredentials.wanted.)
 */
public class ManagedDatabaseWanted implements Condition<Object, TodoApp> {
  @Override
  public boolean isMet(DependentResource<Object, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
    return app.getSpec().database().mode() == DatabaseMode.MANAGED;
  }
}
