/**
 * HTTP tests against the running app (@QuarkusTest, random port). Maven runs every test twice:
 * surefire's default execution on the embedded H2 database (target/test-data), and the
 * "postgresql" execution against the server scripts/install-test-deps.sh starts
 * (-Dtodo.test.postgres.url overrides it). Each test signs up fresh accounts, so the PostgreSQL
 * database can outlive runs.
 */
package dev.todo.backend.api;
