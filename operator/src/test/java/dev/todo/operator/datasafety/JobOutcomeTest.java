package dev.todo.operator.datasafety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.datasafety.JobOutcome.State;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a Job's result from its status, as the Job controller writes it. */
class JobOutcomeTest {

  static JobBuilder job(String name) {
    return new JobBuilder().withNewMetadata().withName(name).withCreationTimestamp("2026-11-29T03:00:00Z")
        .endMetadata();
  }

  @Test
  void aJobWithoutStatusOrConditionsIsRunning_sinceItsCreation() {
    JobOutcome outcome = JobOutcome.of(job("b").build());
    assertEquals(State.RUNNING, outcome.state());
    assertFalse(outcome.finished());
    assertEquals("2026-11-29T03:00:00Z", outcome.finishedAt());
    Job started = job("b").withNewStatus().withActive(1).endStatus().build();
    assertEquals(State.RUNNING, JobOutcome.of(started).state());
  }

  @Test
  void completeOrASucceededPodIsSuccess_atItsCompletionTime() {
    Job complete = job("b").withNewStatus().withCompletionTime("2026-11-29T03:00:09Z")
        .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build()).endStatus().build();
    assertEquals(State.SUCCEEDED, JobOutcome.of(complete).state());
    assertEquals("2026-11-29T03:00:09Z", JobOutcome.of(complete).finishedAt());
    Job counted = job("b").withNewStatus().withSucceeded(1).endStatus().build();
    assertTrue(JobOutcome.of(counted).succeeded(), "before the Complete condition is written");
    Job notYet = job("b").withNewStatus().withConditions(new JobConditionBuilder().withType("Complete")
        .withStatus("False").build()).endStatus().build();
    assertEquals(State.RUNNING, JobOutcome.of(notYet).state(), "a condition counts only when True");
  }

  @Test
  void aFailedConditionIsFailure_withTheJobsReasonAndWhenItHappened() {
    Job failed = job("b").withNewStatus().withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
        .withReason("DeadlineExceeded").withMessage("Job was active longer than specified deadline")
        .withLastTransitionTime("2026-11-29T04:00:00Z").build()).endStatus().build();
    JobOutcome outcome = JobOutcome.of(failed);
    assertEquals(State.FAILED, outcome.state());
    assertEquals("2026-11-29T04:00:00Z", outcome.finishedAt());
    assertEquals("DeadlineExceeded: Job was active longer than specified deadline", outcome.jobFailure());
  }

  @Test
  void whyItFailed_theScriptsWordsFirst_thenTheJobsReason_thenWhereToLook() {
    JobOutcome outcome = new JobOutcome("b", State.FAILED, "t", "BackoffLimitExceeded: Job has reached the limit");
    assertEquals("backup failed: disk full", outcome.failure(name -> Optional.of("  backup failed: disk full\n")));
    assertEquals("BackoffLimitExceeded: Job has reached the limit", outcome.failure(name -> Optional.of(" ")));
    assertEquals("BackoffLimitExceeded: Job has reached the limit", outcome.failure(JobOutcome.TerminationMessages.NONE));
    assertEquals("see kubectl logs job/b",
        new JobOutcome("b", State.FAILED, "t", null).failure(JobOutcome.TerminationMessages.NONE));
  }
}
