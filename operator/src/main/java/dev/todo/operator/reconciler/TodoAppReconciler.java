package dev.todo.operator.reconciler;

import dev.todo.operator.model.SpecValidation;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.resources.backend.BackendDataPvc;
import dev.todo.operator.resources.backend.BackendDeployment;
import dev.todo.operator.resources.backend.BackendHpa;
import dev.todo.operator.resources.backend.BackendNetworkPolicy;
import dev.todo.operator.resources.backend.BackendPdb;
import dev.todo.operator.resources.backend.BackendService;
import dev.todo.operator.resources.database.ManagedDatabaseWanted;
import dev.todo.operator.resources.database.PostgresBackupCronJob;
import dev.todo.operator.resources.database.PostgresBackupPvc;
import dev.todo.operator.resources.database.PostgresCredentials;
import dev.todo.operator.resources.database.PostgresNetworkPolicy;
import dev.todo.operator.resources.database.PostgresService;
import dev.todo.operator.resources.database.PostgresStatefulSet;
import dev.todo.operator.resources.frontend.FrontendDeployment;
import dev.todo.operator.resources.frontend.FrontendHpa;
import dev.todo.operator.resources.frontend.FrontendNetworkPolicy;
import dev.todo.operator.resources.frontend.FrontendPdb;
import dev.todo.operator.resources.frontend.FrontendService;
import dev.todo.operator.resources.shared.AppConfigMap;
import dev.todo.operator.resources.shared.AppIngress;
import dev.todo.operator.resources.shared.AppUrl;
import dev.todo.operator.resources.shared.ChildNames;
import dev.todo.operator.resources.shared.Component;
import dev.todo.operator.resources.shared.HpaApiServed;
import dev.todo.operator.resources.shared.JwtSecret;
import dev.todo.operator.resources.shared.Labels;
import dev.todo.operator.resources.shared.PdbApiServed;
import dev.todo.operator.resources.shared.ReferencedSecrets;
import dev.todo.operator.resources.shared.SharedInformers;
import dev.todo.operator.resources.shared.ServedApis;
import dev.todo.operator.status.ConditionTypes;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.status.DataSafetyStatus;
import dev.todo.operator.status.Observed;
import dev.todo.operator.status.Problems;
import dev.todo.operator.status.StatusAggregator;
import dev.todo.operator.status.TodoAppEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps every TodoApp's children as its spec says and reports what it sees. The workflow below is
 * the whole graph: what exists under which condition. It is invoked explicitly, after the spec has
 * been validated, so an invalid spec changes nothing and is reported instead of retried.
 */
// Every spec change, and the todo.dev/backup-now annotation (which changes no generation): TodoAppUpdates.
@ControllerConfiguration(name = TodoAppReconciler.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = TodoAppUpdates.class))
// Children of one kind share one informer where they can (SharedInformers: useEventSourceWithName).
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "config", type = AppConfigMap.class),
    @Dependent(name = "jwt-secret", type = JwtSecret.class,
        useEventSourceWithName = SharedInformers.GENERATED_SECRETS,
        reconcilePrecondition = JwtSecret.Wanted.class),
    @Dependent(name = "ingress", type = AppIngress.class, reconcilePrecondition = AppIngress.Wanted.class),

    @Dependent(name = "backend-deployment", type = BackendDeployment.class,
        useEventSourceWithName = SharedInformers.DEPLOYMENTS,
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
        useEventSourceWithName = SharedInformers.GENERATED_SECRETS,
        reconcilePrecondition = ManagedDatabaseWanted.class),
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
  private static final Logger LOG = Logger.getLogger(TodoAppReconciler.class);
  /** Pod errors do not change a Deployment's status: look again while a rollout is under way. */
  static final Duration RECHECK_WHILE_PROGRESSING = Duration.ofSeconds(15);

  @Override
  public List<EventSource<?, TodoApp>> prepareEventSources(
      io.javaoperatorsdk.operator.api.reconciler.EventSourceContext<TodoApp> context) {
    List<EventSource<?, TodoApp>> sources = new ArrayList<>(SharedInformers.eventSources(context));
    sources.addAll(List.of(ReferencedSecrets.eventSource(context), BackupWorkflow.eventSource(context),
        DataKeptOnDelete.eventSource(context)));
    return sources;
  }

  @Override
  public UpdateControl<TodoApp> reconcile(TodoApp app, Context<TodoApp> context) {
    List<String> specErrors = SpecValidation.errors(app.getSpec());
    Instant now = Instant.now();
    DataSafetyReport safety = app.getStatus() == null ? DataSafetyReport.NONE : new DataSafetyReport(
        app.getStatus().getBackup(), app.getStatus().getRestore(), null, null, null, List.of());
    if (specErrors.isEmpty()) {
      // Backups and the restore first: they decide whether the backend may roll (or be created) now.
      BackupWorkflow.Outcome outcome = BackupWorkflow.run(app, context,
          secondary(context, Deployment.class, ChildNames.backend(app)), now);
      outcome.gate().putInto(context);
      safety = outcome.report();
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow()
          .throwAggregateExceptionIfErrorsPresent();
    }
    TodoAppStatus status = StatusAggregator.aggregate(app.getStatus(), observe(app, context, specErrors), now);
    DataSafetyStatus.apply(status, app.getStatus(), safety, now);
    return finish(app, context, status);
  }

  @Override
  public ErrorStatusUpdateControl<TodoApp> updateErrorStatus(TodoApp app, Context<TodoApp> context, Exception e) {
    if (context.isPrimaryResourceDeleted() || isNotFound(e)) {
      // The TodoApp was deleted while being reconciled: there is no status left to write.
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    String message = "Reconciling failed, retrying with back-off: " + rootMessage(e);
    LOG.warnf(e, "TodoApp %s/%s: %s", app.getMetadata().getNamespace(), app.getMetadata().getName(), message);
    TodoAppStatus status = StatusAggregator.failed(app.getStatus(), generation(app), message, Instant.now());
    if (Objects.equals(status, app.getStatus())) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    warnIfNewlyDegraded(app, context, status);
    app.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(withoutResourceVersion(app));
  }

  private UpdateControl<TodoApp> finish(TodoApp app, Context<TodoApp> context, TodoAppStatus status) {
    UpdateControl<TodoApp> control;
    if (Objects.equals(status, app.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      warnIfNewlyDegraded(app, context, status);
      app.setStatus(status);
      control = UpdateControl.patchStatus(withoutResourceVersion(app));
    }
    if (ConditionTypes.PHASE_PROGRESSING.equals(status.getPhase())
        || ConditionTypes.PHASE_PENDING.equals(status.getPhase())
        || ConditionTypes.PHASE_RESTORING.equals(status.getPhase())
        || (ConditionTypes.PHASE_DEGRADED.equals(status.getPhase()) && !isSpecInvalid(status))) {
      control.rescheduleAfter(RECHECK_WHILE_PROGRESSING);
    }
    return control;
  }

  /**
   * The status is the operator's alone and always recomputed from the whole TodoApp, so it is
   * patched without optimistic locking: with the resourceVersion in the apply body, a user's
   * {@code kubectl edit} that lands while the operator writes would fail that write with HTTP 409,
   * flip the TodoApp to Degraded ("Reconciling failed") and log a warning, for nothing: the edit
   * triggers the next reconcile anyway, and {@code observedGeneration} says which spec the status
   * describes.
   */
  static TodoApp withoutResourceVersion(TodoApp app) {
    app.getMetadata().setResourceVersion(null);
    return app;
  }

  private static boolean isSpecInvalid(TodoAppStatus status) {
    var degraded = StatusAggregator.find(status, ConditionTypes.DEGRADED);
    return degraded != null && "InvalidSpec".equals(degraded.getReason());
  }

  private Observed observe(TodoApp app, Context<TodoApp> context, List<String> specErrors) {
    String namespace = app.getMetadata().getNamespace();
    boolean managed = app.getSpec().database().mode() == DatabaseMode.MANAGED;
    Deployment backend = secondary(context, Deployment.class, ChildNames.backend(app));
    Deployment frontend = secondary(context, Deployment.class, ChildNames.frontend(app));
    StatefulSet database = managed ? secondary(context, StatefulSet.class, ChildNames.postgres(app)) : null;
    List<String> problems = new ArrayList<>();
    if (specErrors.isEmpty()) {
      problems.addAll(Problems.secrets(app, name -> ReferencedSecrets.find(context, namespace, name)));
      problems.addAll(Problems.unservedApis(app.getSpec(),
          ServedApis.isServed(context.getClient(), ServedApis.HPA),
          ServedApis.isServed(context.getClient(), ServedApis.PDB)));
      problems.addAll(podProblems(app, context, backend, Component.BACKEND, "spec.backend"));
      problems.addAll(podProblems(app, context, frontend, Component.FRONTEND, "spec.frontend"));
    }
    return new Observed(generation(app), specErrors, problems, backend, frontend, database, managed,
        AppUrl.of(app));
  }

  /** Pods are listed only while their Deployment is not ready: a ready app costs no API call. */
  private List<String> podProblems(TodoApp app, Context<TodoApp> context, Deployment deployment,
      Component component, String specField) {
    if (deployment == null || dev.todo.operator.status.WorkloadReadiness.isReady(deployment)) {
      return List.of();
    }
    try {
      List<Pod> pods = context.getClient().pods().inNamespace(app.getMetadata().getNamespace())
          .withLabels(Labels.selector(app, component)).list().getItems();
      return Problems.pods(component.label(), specField, pods);
    } catch (KubernetesClientException e) {
      LOG.debugf(e, "Could not list the %s pods of %s", component.label(), app.getMetadata().getName());
      return List.of();
    }
  }

  private static <R extends HasMetadata> R secondary(Context<TodoApp> context, Class<R> type, String name) {
    return context.getSecondaryResourcesAsStream(type)
        .filter(r -> name.equals(r.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }

  private void warnIfNewlyDegraded(TodoApp app, Context<TodoApp> context, TodoAppStatus status) {
    var now = StatusAggregator.find(status, ConditionTypes.DEGRADED);
    var before = StatusAggregator.find(app.getStatus(), ConditionTypes.DEGRADED);
    if (now != null && "True".equals(now.getStatus())
        && (before == null || !Objects.equals(before.getMessage(), now.getMessage()))) {
      TodoAppEvents.emit(context.getClient(), app, "Warning", now.getReason(), now.getMessage());
    }
  }

  private static long generation(TodoApp app) {
    return app.getMetadata().getGeneration() == null ? 0L : app.getMetadata().getGeneration();
  }

  private static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == 404) {
        return true;
      }
    }
    return false;
  }

  /**
   * What failed, short enough for a condition message: the workflow's aggregated exception prints every
   * stack trace in its message (kilobytes in kubectl describe), so name each failed child with its
   * root cause instead, and for an API server refusal just the server's own message.
   */
  static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
        return aggregated.getAggregatedExceptions().entrySet().stream()
            .map(failed -> failed.getKey() + ": " + rootMessage(failed.getValue()))
            .sorted()
            .collect(Collectors.joining("; "));
      }
    }
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
      return "the API server refused it (HTTP " + k.getCode() + "): " + k.getStatus().getMessage();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
