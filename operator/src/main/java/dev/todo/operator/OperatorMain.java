package dev.todo.operator;

import dev.todo.operator.render.RenderCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point. {@code render -f todoapp.yaml} prints the children of a TodoApp offline and exits
 * without starting Quarkus (no cluster, no operator); anything else runs the operator.
 */
@QuarkusMain
public final class OperatorMain {
  private OperatorMain() {
  }

  public static void main(String... args) {
    if (args.length > 0 && "render".equals(args[0])) {
      System.exit(RenderCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    Quarkus.run(args);
  }
}
