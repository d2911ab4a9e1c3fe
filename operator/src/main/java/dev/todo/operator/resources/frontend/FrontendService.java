package dev.todo.operator.resources.frontend;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.LinkedHashMap;

/**
 * {@code <name>-frontend}: the Service users reach the UI through (type and annotations from spec.service;
 * a cloud's load balancer reads the annotations).
 */
public class FrontendService extends TodoAppDependent<Service> {

  public FrontendService() {
    super(Service.class, ChildNames::frontend);
  }

  @Override
  protected Service desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static Service build(TodoApp app) {
    ObjectMeta metadata = ChildMetadata.of(app, ChildNames.frontend(app), Component.FRONTEND);
    // A mutable map even when empty: java-operator-sdk adds its own annotation on create. An empty map is
    // not serialized, so nothing empty is applied.
    metadata.setAnnotations(new LinkedHashMap<>(app.getSpec().service().annotations()));
    return new ServiceBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withType(app.getSpec().service().type().name())
        .withSelector(Labels.selector(app, Component.FRONTEND))
        .addNewPort().withName("http").withPort(FrontendDeployment.PORT).withTargetPort(new IntOrString("http"))
        .withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }
}
