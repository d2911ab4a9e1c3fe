package dev.todo.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What wakes the reconciler for backups, and what a removed database's Event tells the user. */
class DataSafetyEventsTest {

  static TodoApp app(long generation, Map<String, String> annotations) {
    TodoApp app = TestApps.full("todo", "ns");
    app.getMetadata().setGeneration(generation);
    app.getMetadata().setAnnotations(annotations);
    return app;
  }

  @Test
  void aNewBackupNowValueOrANewGenerationReconciles_aStatusWriteDoesNot() {
    TodoAppUpdates filter = new TodoAppUpdates();
    assertTrue(filter.accept(app(2, null), app(1, null)), "spec change");
    assertTrue(filter.accept(app(1, Map.of("todo.dev/backup-now", "a")), app(1, null)), "first backup-now");
    assertTrue(filter.accept(app(1, Map.of("todo.dev/backup-now", "b")), app(1, Map.of("todo.dev/backup-now", "a"))));
    assertFalse(filter.accept(app(1, Map.of("todo.dev/backup-now", "a")), app(1, Map.of("todo.dev/backup-now", "a"))),
        "status write or unrelated metadata");
    assertFalse(filter.accept(app(1, Map.of("other", "x")), app(1, null)), "another annotation");
  }

  @Test
  void theEventOfARemovedDatabaseNamesBothVolumesAndHowToReuseThem() {
    String kept = DataKeptOnDelete.message("todo", "shop", false);
    assertTrue(kept.contains("data-todo-postgres-0") && kept.contains("todo-backups"), kept);
    assertTrue(kept.contains("restoreFrom: {pvc: todo-backups, dump: latest}"), kept);
    assertTrue(kept.contains("kubectl -n shop delete pvc data-todo-postgres-0 todo-backups"), kept);
    String deleted = DataKeptOnDelete.message("todo", "shop", true);
    assertTrue(deleted.contains("deleteDataOnRemoval") && deleted.contains("deletes"), deleted);
  }
}
