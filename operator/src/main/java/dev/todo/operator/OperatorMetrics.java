package dev.todo.operator;

import dev.todo.operator.metrics.ReconcileMetrics;
import dev.todo.operator.metrics.TodoAppGauges;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator's metrics at /q/metrics, per controller rather than per TodoApp. The SDK's default
 * tags every meter with the TodoApp's name: with 1,000 TodoApps that was 6,000 histograms (~10 MiB
 * of heap) and a scrape Prometheus would store 1,000 series of each. Per-TodoApp problems are in
 * each TodoApp's status and Events instead, and in the few gauges per TodoApp the alerts read
 * ({@link TodoAppGauges}); {@link ReconcileMetrics} adds the reconciles' errors and durations.
 */
@Singleton
public class OperatorMetrics {
  @Produces
  @Singleton
  Metrics metrics(MeterRegistry registry, TodoAppGauges gauges) {
    return new ReconcileMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry), registry, gauges);
  }
}
