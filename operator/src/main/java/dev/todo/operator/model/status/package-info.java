/** The parts of a TodoApp's status: conditions and per-workload replica counts. */
package dev.todo.operator.model.status;
