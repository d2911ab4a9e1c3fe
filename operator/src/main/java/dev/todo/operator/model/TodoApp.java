package dev.todo.operator.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One running Todo application: backend, frontend, database and everything around them. */
@Group(TodoApp.GROUP)
@Version(TodoApp.VERSION)
@Kind("TodoApp")
@Plural("todoapps")
@ShortNames("todo")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Backend", jsonPath = ".status.backend.ready", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Frontend", jsonPath = ".status.frontend.ready", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TodoApp extends CustomResource<TodoAppSpec, TodoAppStatus> implements Namespaced {
  public static final String GROUP = "todo.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  protected TodoAppSpec initSpec() {
    return new TodoAppSpec();
  }
}
