/**
 * What the operator exports at /q/metrics beyond java-operator-sdk's meters, for the alerts and the
 * dashboard of deploy/helm/todo-operator/monitoring: each TodoApp's readiness, phase and backups as
 * its status says them ({@code TodoAppSeries}, a pure function of the TodoApp; {@code TodoAppGauges}
 * holds them), and the reconciles' errors and durations, registered at start-up so that the series
 * exist before the first error ({@code ReconcileMetrics}).
 */
package dev.todo.operator.metrics;
