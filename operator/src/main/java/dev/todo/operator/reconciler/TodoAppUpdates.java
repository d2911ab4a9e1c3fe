package dev.todo.operator.reconciler;

import dev.todo.operator.datasafety.OnDemandBackup;
import dev.todo.operator.model.TodoApp;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which updates of a TodoApp start a reconcile: a new generation (any spec change) or a new
 * todo.dev/backup-now value, which is metadata and so changes no generation. The operator's own status
 * writes, and other metadata, do not: what JOSDK's generation-aware processing does, plus the annotation.
 */
public class TodoAppUpdates implements OnUpdateFilter<TodoApp> {
  @Override
  public boolean accept(TodoApp updated, TodoApp old) {
    return old == null
        || !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(backupNow(updated), backupNow(old))
        || updated.getMetadata().getDeletionTimestamp() != null;
  }

  private static String backupNow(TodoApp app) {
    return app.getMetadata().getAnnotations() == null ? null
        : app.getMetadata().getAnnotations().get(OnDemandBackup.ANNOTATION);
  }
}
