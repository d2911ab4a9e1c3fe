package dev.todo.operator.resources.dependent;

/** The parts of a TodoApp, as written in the app.kubernetes.io/component label. */
public enum Component {
  BACKEND("backend"),
  FRONTEND("frontend"),
  DATABASE("database"),
  /** The managed database's backup and restore Jobs, their CronJob and the backup volume. */
  BACKUP("backup");

  private final String label;

  Component(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
