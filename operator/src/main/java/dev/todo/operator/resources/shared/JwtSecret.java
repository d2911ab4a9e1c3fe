package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.CreateOnceDependent;
import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * {@code <name>-jwt}: the generated session-token signing key, key {@code jwt-secret}. Create-only
 * (a {@link Creator} without an Updater): a new random value on every reconcile must never replace
 * the one in use, or every user would be logged out. Deleted by hand, it is generated anew (and the
 * backend rolls to pick it up).
 */
public class JwtSecret extends CreateOnceDependent<Secret> implements GarbageCollected<TodoApp> {
  /** 64 characters (about 380 bits): well above the backend's 32-character minimum. */
  static final int LENGTH = 64;

  public JwtSecret() {
    super(Secret.class, ChildNames::jwtSecret);
  }

  /** Not when the user brings their own key; the backend Deployment depends on this Secret (see the workflow). */
  @Override
  protected boolean wanted(TodoApp app) {
    return isWanted(app);
  }

  public static boolean isWanted(TodoApp app) {
    return new Wanted().isMet(null, app, null);
  }

  @Override
  protected Secret desired(TodoApp app, Context<TodoApp> context) {
    return build(app, RandomSecret.alphanumeric(LENGTH));
  }

  public static Secret build(TodoApp app, String value) {
    return new SecretBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.jwtSecret(app), Component.BACKEND))
        .withType("Opaque")
        .addToStringData(ReferencedSecrets.JWT_KEY, value)
        .build();
  }

  /** When the Secret is wanted: the user did not bring their own key. */
  public static class Wanted implements Condition<Secret, TodoApp> {
    @Override
    public boolean isMet(DependentResource<Secret, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
      return app.getSpec().getAuth() == null || app.getSpec().getAuth().getJwtSecretRef() == null;
    }
  }
}
