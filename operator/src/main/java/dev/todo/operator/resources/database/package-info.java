/**
 * The managed PostgreSQL (spec.database.managed): StatefulSet, Service, generated credentials
 * Secret and NetworkPolicy; its backups: the backup volume (and who owns it), the CronJob, and the
 * one-off backup and restore Jobs with the class that starts them ({@code PostgresOneOffJobs}). Nothing
 * here exists for the external or embedded modes; when to start a one-off Job is decided in
 * {@code datasafety}.
 */
package dev.todo.operator.resources.database;
