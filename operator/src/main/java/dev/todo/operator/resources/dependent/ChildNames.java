package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;

/** Names of the objects a TodoApp owns, all derived from the TodoApp's own name. */
public final class ChildNames {
  private ChildNames() {
  }

  public static String backend(TodoApp app) {
    return app.getMetadata().getName() + "-backend";
  }

  public static String frontend(TodoApp app) {
    return app.getMetadata().getName() + "-frontend";
  }

  public static String config(TodoApp app) {
    return app.getMetadata().getName() + "-config";
  }

  public static String jwtSecret(TodoApp app) {
    return app.getMetadata().getName() + "-jwt";
  }

  public static String ingress(TodoApp app) {
    return app.getMetadata().getName();
  }

  public static String postgres(TodoApp app) {
    return app.getMetadata().getName() + "-postgres";
  }

  public static String postgresCredentials(TodoApp app) {
    return app.getMetadata().getName() + "-postgres-credentials";
  }

  /** The managed database's volume, made by the StatefulSet's volumeClaimTemplate "data". */
  public static String postgresData(TodoApp app) {
    return "data-" + postgres(app) + "-0";
  }

  public static String backups(TodoApp app) {
    return app.getMetadata().getName() + "-backups";
  }

  public static String backupCronJob(TodoApp app) {
    return app.getMetadata().getName() + "-backup";
  }

  public static String restoreJob(TodoApp app) {
    return app.getMetadata().getName() + "-restore";
  }

  public static String backendData(TodoApp app) {
    return app.getMetadata().getName() + "-backend-data";
  }
}
