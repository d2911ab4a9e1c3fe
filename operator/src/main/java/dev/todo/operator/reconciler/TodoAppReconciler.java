package dev.todo.operator.reconciler;

import dev.todo.operator.metrics.TodoAppGauges;
import dev.todo.operator.model.SpecValidation;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.resources.backend.BackendDataPvc;
import dev.todo.operator.resources.backend.BackendDeployment;
import dev.todo.operator.resources.backend.BackendHpa;
import dev.todo.operator.resources.backend.BackendNetworkPolicy;
import dev.todo.operator.resources.backend.BackendPdb;
import dev.todo.operator.resources.backend.BackendService;
import dev.todo.operator.resources.backend.BackendServiceMonitor;
import dev.todo.operator.resources.database.ManagedDatabaseWanted;
import dev.todo.operator.resources.database.PostgresBackupCronJob;
import dev.todo.operator.resources.database.PostgresBackupPvc;
import dev.todo.operator.resources.database.PostgresCredentials;
import dev.todo.operator.resources.database.PostgresNetworkPolicy;
import dev.todo.operator.resources.database.PostgresOneOffJobs;
import dev.todo.operator.resources.database.PostgresService;
import dev.todo.operator.resources.database.PostgresStatefulSet;
import dev.todo.operator.resources.frontend.FrontendDeployment;
import dev.todo.operator.resources.frontend.FrontendHpa;
import dev.todo.operator.resources.frontend.FrontendNetworkPolicy;
import dev.todo.operator.resources.frontend.FrontendPdb;
import dev.todo.operator.resources.frontend.FrontendService;
import dev.todo.operator.resources.shared.AppConfigMap;
import dev.todo.operator.resources.shared.AppIngress;
import dev.todo.operator.resources.dependent.HpaApiServed;
import dev.todo.operator.resources.shared.JwtSecret;
import dev.todo.operator.resources.dependent.PdbApiServed;
import dev.todo.operator.resources.shared.ReferencedSecrets;
import dev.todo.operator.resources.dependent.ServiceMonitorApiServed;
import dev.todo.operator.resources.dependent.SharedInformers;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.status.StatusAggregator;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every TodoApp's children as its spec says and reports what it sees. The workflow below is
 * the whole graph: what exists under which condition. It is invoked explicitly, after the spec has
 * been validated (an invalid spec changes nothing and is reported instead of retried) and after the
 * data-safety decisions started the Jobs they need ({@link DataSafetyStep}). What was observed then
 * goes to the {@link StatusAggregator}, the one place that decides conditions and phase.
 */
// Every spec change, and the todo.dev/backup-now annotation (which changes no generation): TodoAppUpdates.
// At most one reconcile of a TodoApp per second: the events of its children that arrive meanwhile (three
// workloads turning ready, a dozen children created) are handled by one reconcile at the end of that
// second, which writes the status once instead of once per event.
@RateLimited(maxReconciliations = 1, within = 1, unit = TimeUnit.SECONDS)
@ControllerConfiguration(name = TodoAppReconciler.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = TodoAppUpdates.class))
// Children of one kind share one informer where they can (SharedInformers: useEventSourceWithName).
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "config", type = AppConfigMap.class),
    // The generated Secrets decide themselves whether they are wanted (CreateOnceDependent.wanted): with a
    // reconcilePrecondition, java-operator-sdk would delete the backend Deployment that depends on them.
    @Dependent(name = "jwt-secret", type = JwtSecret.class,
        useEventSourceWithName = SharedInformers.GENERATED_SECRETS),
    @Dependent(name = "ingress", type = AppIngress.class, reconcilePrecondition = AppIngress.Wanted.class),

    // After the Secrets its config hash covers, so a new TodoApp's backend is created in its first reconcile.
    @Dependent(name = "backend-deployment", type = BackendDeployment.class,
        useEventSourceWithName = SharedInformers.DEPLOYMENTS, dependsOn = {"jwt-secret", "postgres-credentials"},
        reconcilePrecondition = BackendDeployment.GeneratedSecretsSeen.class),
    @Dependent(name = "backend-service", type = BackendService.class,
        useEventSourceWithName = SharedInformers.SERVICES),
    @Dependent(name = "backend-data", type = BackendDataPvc.class, reconcilePrecondition = BackendDataPvc.Wanted.class),
    @Dependent(name = "backend-hpa", type = BackendHpa.class, activationCondition = HpaApiServed.class,
        reconcilePrecondition = BackendHpa.Wanted.class),
    @Dependent(name = "backend-pdb", type = BackendPdb.class, activationCondition = PdbApiServed.class,
        reconcilePrecondition = BackendPdb.Wanted.class),
    @Dependent(name = "backend-networkpolicy", type = BackendNetworkPolicy.class,
        useEventSourceWithName = SharedInformers.NETWORK_POLICIES,
        reconcilePrecondition = BackendNetworkPolicy.Wanted.class),
    @Dependent(name = "backend-servicemonitor", type = BackendServiceMonitor.class,
        activationCondition = ServiceMonitorApiServed.class, reconcilePrecondition = BackendServiceMonitor.Wanted.class),

    @Dependent(name = "frontend-deployment", type = FrontendDeployment.class,
        useEventSourceWithName = SharedInformers.DEPLOYMENTS),
    @Dependent(name = "frontend-service", type = FrontendService.class,
        useEventSourceWithName = SharedInformers.SERVICES),
    @Dependent(name = "frontend-hpa", type = FrontendHpa.class, activationCondition = HpaApiServed.class,
        reconcilePrecondition = FrontendHpa.Wanted.class),
    @Dependent(name = "frontend-pdb", type = FrontendPdb.class, activationCondition = PdbApiServed.class,
        reconcilePrecondition = FrontendPdb.Wanted.class),
    @Dependent(name = "frontend-networkpolicy", type = FrontendNetworkPolicy.class,
        useEventSourceWithName = SharedInformers.NETWORK_POLICIES,
        reconcilePrecondition = FrontendNetworkPolicy.Wanted.class),

    @Dependent(name = "postgres-credentials", type = PostgresCredentials.class,
        useEventSourceWithName = SharedInformers.GENERATED_SECRETS),
    @Dependent(name = "postgres-service", type = PostgresService.class,
        useEventSourceWithName = SharedInformers.SERVICES,
        reconcilePrecondition = ManagedDatabaseWanted.class),
    @Dependent(name = "postgres-statefulset", type = PostgresStatefulSet.class,
        reconcilePrecondition = ManagedDatabaseWanted.class, useEventSourceWithName = DataKeptOnDelete.EVENT_SOURCE),
    @Dependent(name = "postgres-networkpolicy", type = PostgresNetworkPolicy.class,
        useEventSourceWithName = SharedInformers.NETWORK_POLICIES,
        reconcilePrecondition = PostgresNetworkPolicy.Wanted.class),
    @Dependent(name = "backup-pvc", type = PostgresBackupPvc.class, reconcilePrecondition = ManagedDatabaseWanted.class),
    @Dependent(name = "backup-cronjob", type = PostgresBackupCronJob.class,
        reconcilePrecondition = PostgresBackupCronJob.Wanted.class),
})
public class TodoAppReconciler implements Reconciler<TodoApp> {
  public static final String NAME = "todoapp";

  /** The TodoApps' series at /q/metrics, set from the status each reconcile leaves (none when constructed by hand). */
  @Inject
  TodoAppGauges gauges;

  @Override
  public List<EventSource<?, TodoApp>> prepareEventSources(EventSourceContext<TodoApp> context) {
    List<EventSource<?, TodoApp>> sources = new ArrayList<>(SharedInformers.eventSources(context));
    sources.addAll(List.of(ReferencedSecrets.eventSource(context), PostgresOneOffJobs.eventSource(context),
        DataKeptOnDelete.eventSource(context)));
    return sources;
  }

  @Override
  public UpdateControl<TodoApp> reconcile(TodoApp app, Context<TodoApp> context) {
    List<String> specErrors = SpecValidation.errors(app.getSpec());
    Instant now = Instant.now();
    DataSafetyReport safety = DataSafetyReport.unchanged(app.getStatus());
    if (specErrors.isEmpty()) {
      // Backups and the restore first: the Jobs they start exist before the backend may roll (or be created).
      safety = DataSafetyStep.run(app, context, now);
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow()
          .throwAggregateExceptionIfErrorsPresent();
    }
    TodoAppStatus status = StatusAggregator.aggregate(app.getStatus(),
        ObservedState.of(app, context, specErrors, safety, now), now);
    observeMetrics(app, status, context);
    return StatusUpdate.of(app, context, status);
  }

  @Override
  public ErrorStatusUpdateControl<TodoApp> updateErrorStatus(TodoApp app, Context<TodoApp> context, Exception e) {
    ErrorStatusUpdateControl<TodoApp> control = StatusUpdate.ofError(app, context, e);
    // StatusUpdate leaves the failed status it decided on the TodoApp
    observeMetrics(app, app.getStatus(), context);
    return control;
  }

  private void observeMetrics(TodoApp app, TodoAppStatus status, Context<TodoApp> context) {
    if (gauges != null && !context.isPrimaryResourceDeleted()) {
      gauges.observe(app, status);
    }
  }
}
