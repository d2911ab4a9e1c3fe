package dev.todo.operator.resources.database;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.CreateOnceDependent;
import dev.todo.operator.resources.shared.RandomSecret;
import dev.todo.operator.resources.shared.ReferencedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;

/**
 * {@code <name>-postgres-credentials}: generated user, password, database and the URL the backend
 * connects with. Create-only: PostgreSQL keeps the password it was initialised with, so a new one
 * would lock the backend out.
 */
public class PostgresCredentials extends CreateOnceDependent<Secret> implements GarbageCollected<TodoApp> {
  public static final String USERNAME = "todo";
  public static final String DATABASE = "todo";

  public PostgresCredentials() {
    super(Secret.class, ChildNames::postgresCredentials);
  }

  /** With a managed database only; the backend Deployment depends on this Secret (see the workflow). */
  @Override
  protected boolean wanted(TodoApp app) {
    return isWanted(app);
  }

  public static boolean isWanted(TodoApp app) {
    return new ManagedDatabaseWanted().isMet(null, app, null);
  }

  @Override
  protected Secret desired(TodoApp app, Context<TodoApp> context) {
    return build(app, RandomSecret.alphanumeric(32));
  }

  public static Secret build(TodoApp app, String password) {
    return new SecretBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.postgresCredentials(app), Component.DATABASE))
        .withType("Opaque")
        .addToStringData("username", USERNAME)
        .addToStringData("password", password)
        .addToStringData("database", DATABASE)
        .addToStringData(ReferencedSecrets.DATABASE_URL_KEY, "postgresql://" + USERNAME + ":" + password + "@"
            + ChildNames.postgres(app) + ":" + PostgresStatefulSet.PORT + "/" + DATABASE)
        .build();
  }
}
