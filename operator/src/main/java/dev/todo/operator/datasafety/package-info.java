/**
 * Data safety of the managed database, as pure decisions: whether to take a backup now (annotation
 * todo.dev/backup-now), back up before the backend's image changes and hold its rollout until then,
 * and restore spec.database.restoreFrom before the backend exists. Each decision is a function of the
 * TodoApp (spec and previous status) and the observed Jobs ({@link dev.todo.operator.datasafety.JobOutcome}),
 * returning what to create and what to report ({@link dev.todo.operator.datasafety.DataSafetyPlan});
 * nothing here calls the cluster. The Jobs are built in {@code resources/database}.
 */
package dev.todo.operator.datasafety;
