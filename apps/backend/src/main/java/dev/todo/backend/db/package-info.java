/** The connection pool chosen at start from DATABASE_URL, the Flyway migrations, and the readiness check. */
package dev.todo.backend.db;
