package dev.todo.operator.resources.frontend;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** {@code <name>-frontend}: the Service users reach the UI through (type from spec.service.type). */
public class FrontendService extends TodoAppDependent<Service> {

  public FrontendService() {
    super(Service.class, ChildNames::frontend);
  }

  @Override
  protected Service desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static Service build(TodoApp app) {
    return new ServiceBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.frontend(app), Component.FRONTEND))
        .withNewSpec()
        .withType(app.getSpec().service().type().name())
        .withSelector(Labels.selector(app, Component.FRONTEND))
        .addNewPort().withName("http").withPort(FrontendDeployment.PORT).withTargetPort(new IntOrString("http"))
        .withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }
}
