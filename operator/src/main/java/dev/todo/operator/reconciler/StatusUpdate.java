package dev.todo.operator.reconciler;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.status.ConditionTypes;
import dev.todo.operator.status.StatusAggregator;
import dev.todo.operator.resources.dependent.TodoAppEvents;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Writes the status the {@link StatusAggregator} computed: only when it changed, at most once per
 * reconcile, with the Events of the TodoApp's transitions ({@link TodoAppEvents}: created, Ready,
 * Degraded, a backup's result), and a look again soon while something is under way. A failed
 * reconcile is written as Degraded with its cause, short.
 */
final class StatusUpdate {
  private static final Logger LOG = Logger.getLogger(StatusUpdate.class);
  /** Pod errors do not change a Deployment's status: look again while a rollout is under way. */
  static final Duration RECHECK_WHILE_PROGRESSING = Duration.ofSeconds(15);

  private StatusUpdate() {
  }

  static UpdateControl<TodoApp> of(TodoApp app, Context<TodoApp> context, TodoAppStatus status) {
    UpdateControl<TodoApp> control;
    // Until every workload exists (Pending) the children created so far wait for the one "Created" Event.
    TodoAppEvents.announce(context.getClient(), app, !ConditionTypes.PHASE_PENDING.equals(status.getPhase()),
        app.getStatus(), status);
    if (Objects.equals(status, app.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      app.setStatus(status);
      control = UpdateControl.patchStatus(withoutResourceVersion(app));
    }
    if (ConditionTypes.PHASE_PROGRESSING.equals(status.getPhase())
        || ConditionTypes.PHASE_PENDING.equals(status.getPhase())
        || ConditionTypes.PHASE_RESTORING.equals(status.getPhase())
        || (ConditionTypes.PHASE_DEGRADED.equals(status.getPhase()) && !isSpecInvalid(status))) {
      control.rescheduleAfter(RECHECK_WHILE_PROGRESSING);
    }
    return control;
  }

  static ErrorStatusUpdateControl<TodoApp> ofError(TodoApp app, Context<TodoApp> context, Exception e) {
    if (context.isPrimaryResourceDeleted() || isNotFound(e)) {
      // The TodoApp was deleted while being reconciled: there is no status left to write.
      TodoAppEvents.forget(app);
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    String message = "Reconciling failed, retrying with back-off: " + rootMessage(e);
    LOG.warnf(e, "TodoApp %s/%s: %s", app.getMetadata().getNamespace(), app.getMetadata().getName(), message);
    TodoAppStatus status = StatusAggregator.failed(app.getStatus(), generation(app), message, Instant.now());
    TodoAppEvents.announce(context.getClient(), app, false, app.getStatus(), status);
    if (Objects.equals(status, app.getStatus())) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    app.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(withoutResourceVersion(app));
  }

  /**
   * The status is the operator's alone and always recomputed from the whole TodoApp, so it is
   * patched without optimistic locking: with the resourceVersion in the apply body, a user's
   * {@code kubectl edit} that lands while the operator writes would fail that write with HTTP 409,
   * flip the TodoApp to Degraded ("Reconciling failed") and log a warning, for nothing: the edit
   * triggers the next reconcile anyway, and {@code observedGeneration} says which spec the status
   * describes.
   */
  static TodoApp withoutResourceVersion(TodoApp app) {
    app.getMetadata().setResourceVersion(null);
    return app;
  }

  static long generation(TodoApp app) {
    return app.getMetadata().getGeneration() == null ? 0L : app.getMetadata().getGeneration();
  }

  private static boolean isSpecInvalid(TodoAppStatus status) {
    var degraded = StatusAggregator.find(status, ConditionTypes.DEGRADED);
    return degraded != null && "InvalidSpec".equals(degraded.getReason());
  }

  private static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == 404) {
        return true;
      }
    }
    return false;
  }

  /**
   * What failed, short enough for a condition message: the workflow's aggregated exception prints every
   * stack trace in its message (kilobytes in kubectl describe), so name each failed child with its
   * root cause instead, and for an API server refusal just the server's own message.
   */
  static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
        return aggregated.getAggregatedExceptions().entrySet().stream()
            .map(failed -> failed.getKey() + ": " + rootMessage(failed.getValue()))
            .sorted()
            .collect(Collectors.joining("; "));
      }
    }
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
      return "the API server refused it (HTTP " + k.getCode() + "): " + k.getStatus().getMessage();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
