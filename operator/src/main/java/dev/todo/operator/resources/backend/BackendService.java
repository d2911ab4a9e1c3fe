package dev.todo.operator.resources.backend;

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

/** {@code <name>-backend}: the ClusterIP Service in front of the backend pods (port 8080). */
public class BackendService extends TodoAppDependent<Service> {

  public BackendService() {
    super(Service.class, ChildNames::backend);
  }

  @Override
  protected Service desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static Service build(TodoApp app) {
    return new ServiceBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.backend(app), Component.BACKEND))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Labels.selector(app, Component.BACKEND))
        .addNewPort().withName("http").withPort(BackendDeployment.PORT).withTargetPort(new IntOrString("http"))
        .withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }
}
