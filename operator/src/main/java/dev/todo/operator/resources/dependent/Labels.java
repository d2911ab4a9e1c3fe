package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import java.util.LinkedHashMap;
import java.util.Map;

/** The app.kubernetes.io labels every child carries, and the selectors built from them. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "todo-operator";

  /** Informer selectors: each dependent caches only the objects of its own component. */
  public static final String MANAGED = MANAGED_BY + "=" + OPERATOR;
  public static final String BACKEND_SELECTOR = MANAGED + "," + COMPONENT + "=backend";
  public static final String FRONTEND_SELECTOR = MANAGED + "," + COMPONENT + "=frontend";
  public static final String DATABASE_SELECTOR = MANAGED + "," + COMPONENT + "=database";
  public static final String BACKUP_SELECTOR = MANAGED + "," + COMPONENT + "=backup";

  private Labels() {
  }

  public static Map<String, String> of(TodoApp app, Component component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "todo");
    labels.put(INSTANCE, app.getMetadata().getName());
    labels.put(COMPONENT, component.label());
    labels.put(PART_OF, "todo-app");
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }

  /** The stable subset used in selectors (selectors of Deployments are immutable). */
  public static Map<String, String> selector(TodoApp app, Component component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "todo");
    labels.put(INSTANCE, app.getMetadata().getName());
    labels.put(COMPONENT, component.label());
    return labels;
  }
}
