/**
 * The TodoApp controller: its workflow of dependent resources (what exists under which condition)
 * and the status it writes; builders live in {@code resources}, status rules in {@code status}.
 */
package dev.todo.operator.reconciler;
