/** Configuration from the environment: DATABASE_URL parsing and the Quarkus keys derived from LOG_FORMAT and CORS_ORIGINS. */
package dev.todo.backend.config;
