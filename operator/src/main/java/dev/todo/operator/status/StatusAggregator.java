package dev.todo.operator.status;

import static dev.todo.operator.status.ConditionTypes.DEGRADED;
import static dev.todo.operator.status.ConditionTypes.PROGRESSING;
import static dev.todo.operator.status.ConditionTypes.READY;

import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.ComponentStatus;
import dev.todo.operator.model.status.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the reconciler observed into the TodoApp's status: a phase and three conditions whose
 * messages say what to do. A condition keeps its lastTransitionTime while its status stays the same,
 * so an unchanged world yields an equal status and no write.
 */
public final class StatusAggregator {
  private StatusAggregator() {
  }

  public static TodoAppStatus aggregate(TodoAppStatus previous, Observed o, Instant now) {
    TodoAppStatus status = new TodoAppStatus();
    status.setObservedGeneration(o.generation());
    status.setUrl(o.url());
    List<Condition> conditions = new ArrayList<>();

    if (!o.specErrors().isEmpty()) {
      String message = "Fix the TodoApp spec: " + String.join("; ", o.specErrors());
      // Keep the last observed workloads in status: nothing was changed, they still run.
      if (previous != null) {
        status.setBackend(previous.getBackend());
        status.setFrontend(previous.getFrontend());
        status.setDatabase(previous.getDatabase());
      }
      conditions.add(condition(previous, READY, "False", "InvalidSpec", message, o.generation(), now));
      conditions.add(condition(previous, PROGRESSING, "False", "InvalidSpec",
          "Nothing was applied until the spec is valid.", o.generation(), now));
      conditions.add(condition(previous, DEGRADED, "True", "InvalidSpec", message, o.generation(), now));
      status.setConditions(conditions);
      status.setPhase(ConditionTypes.PHASE_DEGRADED);
      return status;
    }

    status.setBackend(WorkloadReadiness.status(o.backend()));
    status.setFrontend(WorkloadReadiness.status(o.frontend()));
    status.setDatabase(o.databaseManaged() ? WorkloadReadiness.status(o.database()) : null);

    List<String> waiting = new ArrayList<>();
    waitFor(waiting, "backend", o.backend() != null, WorkloadReadiness.isReady(o.backend()), status.getBackend());
    waitFor(waiting, "frontend", o.frontend() != null, WorkloadReadiness.isReady(o.frontend()), status.getFrontend());
    if (o.databaseManaged()) {
      waitFor(waiting, "database", o.database() != null, WorkloadReadiness.isReady(o.database()),
          status.getDatabase());
    }
    boolean ready = waiting.isEmpty();
    boolean created = o.backend() != null && o.frontend() != null && (!o.databaseManaged() || o.database() != null);

    if (ready) {
      conditions.add(condition(previous, READY, "True", "AllComponentsReady",
          "All components are ready; open " + o.url(), o.generation(), now));
      conditions.add(condition(previous, PROGRESSING, "False", "RolloutComplete",
          "Every workload runs the desired version.", o.generation(), now));
    } else {
      String message = "Waiting for " + String.join(", ", waiting) + ".";
      conditions.add(condition(previous, READY, "False", created ? "ComponentsNotReady" : "Creating", message,
          o.generation(), now));
      conditions.add(condition(previous, PROGRESSING, "True", created ? "RollingOut" : "Creating", message,
          o.generation(), now));
    }
    if (o.problems().isEmpty()) {
      conditions.add(condition(previous, DEGRADED, "False", "AsExpected", "No problems found.", o.generation(), now));
    } else {
      conditions.add(condition(previous, DEGRADED, "True", reasonOf(o.problems()), String.join("; ", o.problems()),
          o.generation(), now));
    }
    status.setConditions(conditions);
    if (!o.problems().isEmpty()) {
      status.setPhase(ConditionTypes.PHASE_DEGRADED);
    } else if (ready) {
      status.setPhase(ConditionTypes.PHASE_READY);
    } else if (!created) {
      status.setPhase(ConditionTypes.PHASE_PENDING);
    } else {
      status.setPhase(ConditionTypes.PHASE_PROGRESSING);
    }
    return status;
  }

  /** The status to write when a reconcile failed with an exception (the API server refused a write...). */
  public static TodoAppStatus failed(TodoAppStatus previous, long generation, String message, Instant now) {
    TodoAppStatus status = new TodoAppStatus();
    status.setObservedGeneration(generation);
    if (previous != null) {
      status.setUrl(previous.getUrl());
      status.setBackend(previous.getBackend());
      status.setFrontend(previous.getFrontend());
      status.setDatabase(previous.getDatabase());
    }
    List<Condition> conditions = new ArrayList<>();
    Condition previousReady = find(previous, READY);
    conditions.add(previousReady != null ? previousReady
        : condition(previous, READY, "Unknown", "ReconcileFailed", message, generation, now));
    conditions.add(condition(previous, PROGRESSING, "False", "ReconcileFailed", message, generation, now));
    conditions.add(condition(previous, DEGRADED, "True", "ReconcileFailed", message, generation, now));
    status.setConditions(conditions);
    status.setPhase(ConditionTypes.PHASE_DEGRADED);
    return status;
  }

  private static void waitFor(List<String> waiting, String name, boolean exists, boolean ready, ComponentStatus s) {
    if (!exists) {
      waiting.add(name + " (not created yet)");
    } else if (!ready) {
      waiting.add(name + " (" + s.getReadyReplicas() + "/" + s.getReplicas() + " ready)");
    }
  }

  /** The Degraded reason: the kind of the first problem. */
  static String reasonOf(List<String> problems) {
    String first = problems.get(0);
    if (first.startsWith("Secret ")) {
      return "SecretMissing";
    }
    if (first.contains("is not served by this cluster")) {
      return "ApiNotServed";
    }
    return "PodsFailing";
  }

  static Condition condition(TodoAppStatus previous, String type, String status, String reason, String message,
      long generation, Instant now) {
    Condition c = new Condition(type, status, reason, message);
    c.setObservedGeneration(generation);
    Condition old = find(previous, type);
    c.setLastTransitionTime(old != null && status.equals(old.getStatus()) && old.getLastTransitionTime() != null
        ? old.getLastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString());
    return c;
  }

  public static Condition find(TodoAppStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
