package dev.todo.operator;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppSpec;
import dev.todo.operator.model.spec.AiSpec;
import dev.todo.operator.model.spec.AutoscalingSpec;
import dev.todo.operator.model.spec.BackendSpec;
import dev.todo.operator.model.spec.DatabaseSpec;
import dev.todo.operator.model.spec.ExternalDatabaseSpec;
import dev.todo.operator.model.spec.FrontendSpec;
import dev.todo.operator.model.spec.IngressSpec;
import dev.todo.operator.model.spec.ManagedDatabaseSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** TodoApps for tests. */
public final class TestApps {
  private TestApps() {
  }

  /** The smallest TodoApp: every default (embedded database, offline assistant, no ingress). */
  public static TodoApp minimal(String name, String namespace) {
    TodoApp app = new TodoApp();
    app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    app.setSpec(new TodoAppSpec());
    return app;
  }

  /** As in the process of being reconciled: with a uid and a generation. */
  public static TodoApp withUid(TodoApp app) {
    app.getMetadata().setUid("uid-" + app.getMetadata().getName());
    app.getMetadata().setGeneration(1L);
    return app;
  }

  /** Managed PostgreSQL, ingress on todo.local, two frontend pods, autoscaled backend. */
  public static TodoApp full(String name, String namespace) {
    TodoApp app = minimal(name, namespace);
    TodoAppSpec spec = app.getSpec();
    DatabaseSpec db = new DatabaseSpec();
    db.setManaged(new ManagedDatabaseSpec());
    spec.setDatabase(db);
    BackendSpec backend = new BackendSpec();
    backend.setImage("todo-backend:dev");
    AutoscalingSpec autoscaling = new AutoscalingSpec();
    autoscaling.setEnabled(true);
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(4);
    backend.setAutoscaling(autoscaling);
    spec.setBackend(backend);
    FrontendSpec frontend = new FrontendSpec();
    frontend.setImage("todo-frontend:dev");
    frontend.setReplicas(2);
    spec.setFrontend(frontend);
    IngressSpec ingress = new IngressSpec();
    ingress.setEnabled(true);
    ingress.setHost("todo.local");
    spec.setIngress(ingress);
    return app;
  }

  public static TodoApp external(String name, String namespace, String secret, String key) {
    TodoApp app = minimal(name, namespace);
    DatabaseSpec db = new DatabaseSpec();
    ExternalDatabaseSpec external = new ExternalDatabaseSpec();
    external.setSecretKeyRef(selector(secret, key));
    db.setExternal(external);
    app.getSpec().setDatabase(db);
    return app;
  }

  public static AiSpec ai(String secret, String key) {
    AiSpec ai = new AiSpec();
    ai.setModel("gpt-4o-mini");
    ai.setApiKeySecretRef(selector(secret, key));
    return ai;
  }

  public static SecretKeySelector selector(String name, String key) {
    SecretKeySelector s = new SecretKeySelector();
    s.setName(name);
    s.setKey(key);
    return s;
  }
}
