/**
 * The sections of a TodoApp's spec: one small class per concern (backend, frontend, database,
 * AI, auth, ingress, ...). The no-argument accessors without a {@code get} prefix return the
 * documented default when a field is absent, so builders never test for null.
 */
package dev.todo.operator.model.spec;
