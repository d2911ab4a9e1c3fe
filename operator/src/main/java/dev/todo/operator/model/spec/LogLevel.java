package dev.todo.operator.model.spec;

/** Log levels the backend understands (LOG_LEVEL). */
public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
