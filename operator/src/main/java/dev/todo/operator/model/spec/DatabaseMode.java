package dev.todo.operator.model.spec;

/** The three ways of storing data; see {@link DatabaseSpec}. */
public enum DatabaseMode {
  EXTERNAL,
  MANAGED,
  EMBEDDED
}
