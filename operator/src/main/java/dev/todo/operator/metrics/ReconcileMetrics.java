package dev.todo.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * java-operator-sdk's meters, plus the two the alerts and the dashboard read, registered at start-up:
 * the SDK creates its error counter at the first error, so a healthy operator would export no series
 * to alert on (and the alert on the operator being down could not tell "no errors" from "not scraped").
 * <pre>
 * todo_operator_reconcile_errors_total          reconciles that failed (the SDK retries them)
 * todo_operator_reconcile_seconds_bucket{outcome="success"|"failure",le}   how long reconciles take
 * </pre>
 * Deleted TodoApps' series go with them ({@link TodoAppGauges#forget}).
 */
public class ReconcileMetrics implements Metrics {
  static final String ERRORS = "todo.operator.reconcile.errors";
  static final String DURATION = "todo.operator.reconcile";

  private final Metrics sdk;
  private final TodoAppGauges gauges;
  private final Counter errors;
  private final Timer succeeded;
  private final Timer failed;

  public ReconcileMetrics(Metrics sdk, MeterRegistry registry, TodoAppGauges gauges) {
    this.sdk = sdk;
    this.gauges = gauges;
    this.errors = Counter.builder(ERRORS).description("Reconciles of TodoApps that failed").register(registry);
    this.succeeded = timer(registry, "success");
    this.failed = timer(registry, "failure");
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder(DURATION).description("How long reconciling a TodoApp took").tag("outcome", outcome)
        .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10))
        .register(registry);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    if (!"reconcile".equals(execution.name())) {
      return sdk.timeControllerExecution(execution);
    }
    long start = System.nanoTime();
    try {
      T result = sdk.timeControllerExecution(execution);
      succeeded.record(Duration.ofNanos(System.nanoTime() - start));
      return result;
    } catch (Exception e) {
      failed.record(Duration.ofNanos(System.nanoTime() - start));
      throw e;
    }
  }

  @Override
  public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    errors.increment();
    sdk.failedReconciliation(resource, exception, metadata);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    gauges.forget(resourceID.getNamespace().orElse(""), resourceID.getName());
    sdk.cleanupDoneFor(resourceID, metadata);
  }

  // the rest: the SDK's own meters, unchanged

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    sdk.controllerRegistered(controller);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    sdk.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    sdk.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    sdk.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    sdk.reconciliationExecutionFinished(resource, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    sdk.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return sdk.monitorSizeOf(map, name);
  }
}
