/**
 * The TodoApp controller: the workflow of dependent resources (what exists under which condition, in
 * {@code TodoAppReconciler}'s annotation), the data-safety step that runs before it
 * ({@code DataSafetyStep}: the decisions of {@code datasafety}, carried out), and the hand-over of what
 * was observed to the status aggregator and of its result to the API server ({@code ObservedState},
 * {@code StatusUpdate}). Builders live in {@code resources}, decisions in {@code datasafety}, status
 * rules in {@code status}.
 */
package dev.todo.operator.reconciler;
