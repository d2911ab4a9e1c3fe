package dev.todo.operator.reconciler;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.ComponentSpec;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.resources.shared.AppUrl;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.shared.ReferencedSecrets;
import dev.todo.operator.resources.dependent.ServedApis;
import dev.todo.operator.status.DataSafetyReport;
import dev.todo.operator.status.Observed;
import dev.todo.operator.status.Problem;
import dev.todo.operator.status.Problems;
import dev.todo.operator.status.WorkloadReadiness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads what a TodoApp's status is computed from ({@link Observed}): its workloads from the caches,
 * and the problems of each contributor (the referenced Secrets, the served APIs, the pods of a
 * workload that is not ready).
 */
final class ObservedState {
  private static final Logger LOG = Logger.getLogger(ObservedState.class);

  private ObservedState() {
  }

  static Observed of(TodoApp app, Context<TodoApp> context, List<String> specErrors, DataSafetyReport safety,
      Instant now) {
    String namespace = app.getMetadata().getNamespace();
    boolean managed = app.getSpec().database().mode() == DatabaseMode.MANAGED;
    Deployment backend = secondary(context, Deployment.class, ChildNames.backend(app));
    Deployment frontend = secondary(context, Deployment.class, ChildNames.frontend(app));
    StatefulSet database = managed ? secondary(context, StatefulSet.class, ChildNames.postgres(app)) : null;
    List<Problem> problems = new ArrayList<>();
    boolean hpaServed = ServedApis.isServed(context.getClient(), ServedApis.HPA);
    if (specErrors.isEmpty()) {
      problems.addAll(Problems.secrets(app, name -> ReferencedSecrets.find(context, namespace, name)));
      problems.addAll(Problems.unservedApis(app.getSpec(), hpaServed,
          ServedApis.isServed(context.getClient(), ServedApis.PDB)));
      problems.addAll(Problems.unservedMonitoring(app.getSpec(), !app.getSpec().monitoring().enabled()
          || ServedApis.isServed(context.getClient(), ServedApis.SERVICE_MONITOR)));
      problems.addAll(podProblems(app, context, backend, Component.BACKEND, "spec.backend", now));
      problems.addAll(podProblems(app, context, frontend, Component.FRONTEND, "spec.frontend", now));
    }
    return new Observed(StatusUpdate.generation(app), specErrors, problems, backend, frontend, database, managed,
        AppUrl.of(app), safety, atLeast(app.getSpec().getBackend(), hpaServed),
        atLeast(app.getSpec().getFrontend(), hpaServed));
  }

  /** An autoscaled component's minReplicas (its HPA's floor), which it must reach before it counts as ready. */
  static int atLeast(ComponentSpec spec, boolean hpaServed) {
    return spec != null && hpaServed && spec.autoscaling().enabled() ? spec.autoscaling().minReplicas() : 0;
  }

  /** Pods are listed only while their Deployment is not ready: a ready app costs no API call. */
  private static List<Problem> podProblems(TodoApp app, Context<TodoApp> context, Deployment deployment,
      Component component, String specField, Instant now) {
    if (deployment == null || WorkloadReadiness.isReady(deployment)) {
      return List.of();
    }
    try {
      List<Pod> pods = context.getClient().pods().inNamespace(app.getMetadata().getNamespace())
          .withLabels(Labels.selector(app, component)).list().getItems();
      return Problems.pods(component.label(), specField, pods, now);
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
}
