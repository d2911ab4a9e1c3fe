/**
 * The offline {@code render} command: reads a TodoApp manifest and prints the children the operator
 * would create, using the very builders the reconciler uses, without a cluster.
 */
package dev.todo.operator.render;
