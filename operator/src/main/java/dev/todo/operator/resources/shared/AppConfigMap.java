package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.AiProvider;
import dev.todo.operator.model.spec.AiSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code <name>-config}: the non-secret settings both Deployments read with envFrom. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.BACKEND_SELECTOR))
public class AppConfigMap extends TodoAppDependent<ConfigMap> {

  public AppConfigMap() {
    super(ConfigMap.class, ChildNames::config);
  }

  @Override
  protected ConfigMap desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static ConfigMap build(TodoApp app) {
    return new ConfigMapBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.config(app), Component.BACKEND))
        .withData(data(app))
        .build();
  }

  /** The environment, per the runtime contract (docs/runtime-contract.md). */
  public static Map<String, String> data(TodoApp app) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("LOG_LEVEL", app.getSpec().logLevel().name());
    AiSpec ai = app.getSpec().getAi();
    data.put("AI_PROVIDER", ai == null ? AiProvider.NONE.value() : ai.provider().value());
    if (ai != null && ai.getModel() != null) {
      data.put("AI_MODEL", ai.getModel());
    }
    if (ai != null && ai.getBaseUrl() != null) {
      data.put("AI_BASE_URL", ai.getBaseUrl());
    }
    String origin = AppUrl.publicOrigin(app);
    if (origin != null) {
      data.put("CORS_ORIGINS", origin);
    }
    data.put("BACKEND_URL", "http://" + ChildNames.backend(app) + ":8080");
    return data;
  }
}
