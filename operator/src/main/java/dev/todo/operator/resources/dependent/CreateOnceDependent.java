package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import java.util.function.Function;

/**
 * A child the operator creates once and then leaves as it is: a generated Secret (its value must
 * not change under running pods) or a volume claim (its size and class are fixed once it exists).
 * The create is told in the TodoApp's "Created" Event. Whether it is deleted with the TodoApp is each
 * subclass's choice.
 */
public abstract class CreateOnceDependent<R extends HasMetadata> extends ChildDependent<R>
    implements Creator<R, TodoApp> {

  protected CreateOnceDependent(Class<R> type, Function<TodoApp, String> childName) {
    super(type, childName);
  }
}
