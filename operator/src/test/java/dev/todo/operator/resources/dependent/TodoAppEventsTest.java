package dev.todo.operator.resources.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.status.BackupStatus;
import dev.todo.operator.model.status.Condition;
import dev.todo.operator.resources.dependent.TodoAppEvents.Notice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which changes of a TodoApp's status are told as Events: its transitions, nothing else. */
class TodoAppEventsTest {

  @Test
  void turningReadyIsOneNormalEventWithTheReadyMessage() {
    assertEquals(List.of(new Notice("Normal", "Ready", "All components are ready; open http://todo.local")),
        TodoAppEvents.transitions(status("Progressing", ready("False", "Waiting for backend (0/1 ready)."),
            degraded("False", "AsExpected", "No problems found.")),
            status("Ready", ready("True", "All components are ready; open http://todo.local"),
                degraded("False", "AsExpected", "No problems found."))));
  }

  @Test
  void progressWithoutATransitionIsNoEvent() {
    TodoAppStatus waitingForTwo = status("Progressing", ready("False", "Waiting for backend (0/1 ready), frontend (0/1 ready)."),
        degraded("False", "AsExpected", "No problems found."));
    TodoAppStatus waitingForOne = status("Progressing", ready("False", "Waiting for backend (0/1 ready)."),
        degraded("False", "AsExpected", "No problems found."));
    assertEquals(List.of(), TodoAppEvents.transitions(waitingForTwo, waitingForOne));
    assertEquals(List.of(), TodoAppEvents.transitions(waitingForOne, waitingForOne));
    assertEquals(List.of(), TodoAppEvents.transitions(null, waitingForOne), "created is told by the Created Event");
  }

  @Test
  void turningDegradedOrDegradedForAnotherCauseIsAWarningWithItsReason() {
    TodoAppStatus fine = status("Ready", ready("True", "ok"), degraded("False", "AsExpected", "No problems found."));
    TodoAppStatus missing = status("Degraded", ready("True", "ok"),
        degraded("True", "SecretMissing", "Secret ai has no key apiKey"));
    TodoAppStatus crashing = status("Degraded", ready("True", "ok"),
        degraded("True", "PodsFailing", "backend pod b keeps crashing"));
    assertEquals(List.of(new Notice("Warning", "SecretMissing", "Secret ai has no key apiKey")),
        TodoAppEvents.transitions(fine, missing));
    assertEquals(List.of(new Notice("Warning", "PodsFailing", "backend pod b keeps crashing")),
        TodoAppEvents.transitions(missing, crashing));
    assertEquals(List.of(), TodoAppEvents.transitions(crashing, fine), "recovering is told by the status");
  }

  @Test
  void aNewBackupResultIsOneEventAndAFailedOneAWarning() {
    TodoAppStatus before = status("Ready", ready("True", "ok"), degraded("False", "AsExpected", "none"));
    TodoAppStatus succeeded = status("Ready", ready("True", "ok"), degraded("False", "AsExpected", "none"),
        new Condition("BackupFailed", "False", "BackupSucceeded", "The last backup b1.dump (Job j1) succeeded."));
    succeeded.setBackup(backup("j1", true));
    TodoAppStatus failed = status("Ready", ready("True", "ok"), degraded("False", "AsExpected", "none"),
        new Condition("BackupFailed", "True", "BackupJobFailed", "The last backup (Job j2) failed: disk full"));
    failed.setBackup(backup("j2", false));
    assertEquals(List.of(new Notice("Normal", "BackupSucceeded", "The last backup b1.dump (Job j1) succeeded.")),
        TodoAppEvents.transitions(before, succeeded));
    assertEquals(List.of(new Notice("Warning", "BackupFailed", "The last backup (Job j2) failed: disk full")),
        TodoAppEvents.transitions(succeeded, failed));
    TodoAppStatus sameBackupLater = status("Ready", ready("True", "ok"), degraded("False", "AsExpected", "none"),
        new Condition("BackupFailed", "True", "BackupJobFailed", "The last backup (Job j2) failed: disk full"));
    sameBackupLater.setBackup(backup("j2", false));
    sameBackupLater.getBackup().setNextScheduledTime("2026-12-03T02:00:00Z");
    assertEquals(List.of(), TodoAppEvents.transitions(failed, sameBackupLater), "the same backup is told once");
  }

  @Test
  void theCreatedEventListsEveryChild() {
    assertEquals("Created 3: ConfigMap a-config, Secret a-jwt, Deployment a-backend",
        TodoAppEvents.listing("Created", List.of("ConfigMap a-config", "Secret a-jwt", "Deployment a-backend")));
  }

  private static TodoAppStatus status(String phase, Condition... conditions) {
    TodoAppStatus s = new TodoAppStatus();
    s.setPhase(phase);
    s.setConditions(List.of(conditions));
    return s;
  }

  private static Condition ready(String status, String message) {
    return new Condition("Ready", status, "True".equals(status) ? "AllComponentsReady" : "ComponentsNotReady", message);
  }

  private static Condition degraded(String status, String reason, String message) {
    return new Condition("Degraded", status, reason, message);
  }

  private static BackupStatus backup(String job, boolean succeeded) {
    BackupStatus b = new BackupStatus();
    b.setLastBackupJob(job);
    b.setLastBackupSucceeded(succeeded);
    return b;
  }
}
