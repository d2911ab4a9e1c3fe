/**
 * Turns observed state into a TodoApp's status: readiness of the workloads, problems with the fix
 * in the message (missing Secrets, unserved APIs, failing pods), conditions and the phase; and the
 * Events recorded on the TodoApp. Pure functions except for emitting Events.
 */
package dev.todo.operator.status;
