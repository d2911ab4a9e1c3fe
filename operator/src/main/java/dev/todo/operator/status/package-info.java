/**
 * Turns observed state into a TodoApp's status, in one place ({@code StatusAggregator}): readiness of
 * the workloads, the typed {@code Problem}s every contributor found (missing Secrets, unserved APIs,
 * failing pods, failed restores and backups), what the backend waits for, and from them the conditions
 * and the {@code Phase}. Pure functions.
 */
package dev.todo.operator.status;
