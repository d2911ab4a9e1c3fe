package dev.todo.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.reconciler.TodoAppReconciler;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The render command prints what the workflow would create: the same children, under the same preconditions. */
class RenderedChildrenTest {

  static String entry(Class<?> dependent, Class<?> precondition) {
    return dependent.getSimpleName() + " if "
        + (precondition == null || precondition == Condition.class ? "always" : precondition.getName());
  }

  @Test
  void everyDependentOfTheWorkflowIsRendered_underItsOwnPrecondition_andNothingElse() {
    Workflow workflow = TodoAppReconciler.class.getAnnotation(Workflow.class);
    Set<String> inWorkflow = Arrays.stream(workflow.dependents())
        .map((Dependent d) -> entry(d.type(), d.reconcilePrecondition()))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> rendered = RenderedChildren.CHILDREN.stream()
        .map(child -> entry(child.dependent(), child.precondition()))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(inWorkflow, rendered);
    assertEquals(workflow.dependents().length, RenderedChildren.CHILDREN.size(), "each dependent rendered once");
  }

  @Test
  void theOnlyPreconditionAssumedOfflineIsTheOneThatWaitsForTheOperatorsOwnCache() {
    for (Class<?> assumed : RenderedChildren.MET_OFFLINE) {
      assertTrue(RenderedChildren.CHILDREN.stream().anyMatch(c -> assumed.equals(c.precondition())), assumed.getName());
    }
    TodoApp app = TestApps.full("app", "ns");
    assertEquals(RenderedChildren.CHILDREN.stream().filter(c -> RenderedChildren.wanted(c, app)).count(),
        RenderedChildren.of(app).size());
  }
}
