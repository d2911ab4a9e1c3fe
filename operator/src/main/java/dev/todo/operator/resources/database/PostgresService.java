package dev.todo.operator.resources.database;

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

/** {@code <name>-postgres}: the ClusterIP Service of the managed PostgreSQL (port 5432). */
public class PostgresService extends TodoAppDependent<Service> {

  public PostgresService() {
    super(Service.class, ChildNames::postgres);
  }

  @Override
  protected Service desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static Service build(TodoApp app) {
    return new ServiceBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.postgres(app), Component.DATABASE))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Labels.selector(app, Component.DATABASE))
        .addNewPort().withName("postgres").withPort(PostgresStatefulSet.PORT)
        .withTargetPort(new IntOrString("postgres")).withProtocol("TCP").endPort()
        .endSpec()
        .build();
  }
}
