package dev.todo.operator.reconciler;

import dev.todo.operator.datasafety.DataSafety;
import dev.todo.operator.datasafety.DataSafetyInputs;
import dev.todo.operator.datasafety.DataSafetyPlan;
import dev.todo.operator.datasafety.JobOutcome;
import dev.todo.operator.datasafety.RunningBackend;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.backend.BackendDeployment;
import dev.todo.operator.resources.database.PostgresOneOffJobs;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.resources.dependent.TodoAppEvents;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.List;

/**
 * The data-safety decisions ({@link DataSafety}), carried out before the workflow runs: what they
 * observe is read from the caches, the Jobs they ask for are started (and a stale restore Job deleted),
 * their Events recorded. The backup before an upgrade therefore exists before the backend's Deployment
 * changes; the Deployment's dependent holds its image by the same decision.
 */
final class DataSafetyStep {
  private DataSafetyStep() {
  }

  static DataSafetyReport run(TodoApp app, Context<TodoApp> context, Instant now) {
    KubernetesClient client = context.getClient();
    String namespace = app.getMetadata().getNamespace();
    List<Job> jobs = PostgresOneOffJobs.of(app, context);
    String backend = ChildNames.backend(app);
    RunningBackend running = context.getSecondaryResourcesAsStream(Deployment.class)
        .filter(d -> backend.equals(d.getMetadata().getName()) && namespace.equals(d.getMetadata().getNamespace()))
        .findFirst()
        .map(BackendDeployment::running)
        .orElse(null);
    DataSafetyPlan plan = DataSafety.decide(app, new DataSafetyInputs(JobOutcome.of(jobs), running,
        job -> PostgresOneOffJobs.terminationMessage(client, namespace, job), now));
    plan.delete().forEach(job -> PostgresOneOffJobs.delete(client, namespace, job));
    plan.start().forEach(start -> PostgresOneOffJobs.create(client, app, jobs, start.job(), start.message()));
    plan.events().forEach(event -> TodoAppEvents.emit(client, app, "Normal", event.reason(), event.message()));
    return plan.report();
  }
}
