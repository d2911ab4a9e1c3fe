package dev.todo.operator.resources.shared;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.model.spec.IngressSpec;

/** Where users reach a TodoApp: the Ingress host when there is one, else the frontend Service. */
public final class AppUrl {
  private AppUrl() {
  }

  public static String of(TodoApp app) {
    IngressSpec ingress = app.getSpec().ingress();
    if (ingress.enabled() && ingress.getHost() != null) {
      return (ingress.getTls() != null ? "https://" : "http://") + ingress.getHost();
    }
    return "http://" + ChildNames.frontend(app) + "." + app.getMetadata().getNamespace() + ".svc:3000";
  }

  /** The browser origin when the app has a public host name; null when it has none. */
  public static String publicOrigin(TodoApp app) {
    IngressSpec ingress = app.getSpec().ingress();
    return ingress.enabled() && ingress.getHost() != null ? of(app) : null;
  }
}
