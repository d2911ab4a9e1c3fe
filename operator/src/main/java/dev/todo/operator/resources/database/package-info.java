/**
 * The managed PostgreSQL (spec.database.managed): StatefulSet, Service, generated credentials
 * Secret and NetworkPolicy. Nothing here exists for the external or embedded modes.
 */
package dev.todo.operator.resources.database;
