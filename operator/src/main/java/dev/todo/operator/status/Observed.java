package dev.todo.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;

/**
 * Everything the status is computed from, gathered by the reconciler.
 *
 * @param specErrors what is wrong with the spec itself (nothing was applied)
 * @param problems what keeps the workloads from working as asked, with the fix (missing Secrets,
 *     unserved APIs, pod errors)
 * @param backend the backend Deployment, null when it does not exist (yet)
 * @param frontend the frontend Deployment, null when it does not exist (yet)
 * @param database the PostgreSQL StatefulSet, null when not managed or not created yet
 * @param databaseManaged whether a StatefulSet is expected
 * @param dataSafety what the data-safety decisions report (backups, restore, what the backend waits for)
 * @param backendAtLeast the backend pods that must be ready, whatever the Deployment's replicas say: an
 *     autoscaled Deployment is created with 1 replica until its HPA raises it to minReplicas, and the app
 *     is not Ready (nor its disruption budget satisfiable) before that
 * @param frontendAtLeast the same for the frontend
 */
public record Observed(long generation, List<String> specErrors, List<Problem> problems, Deployment backend,
    Deployment frontend, StatefulSet database, boolean databaseManaged, String url, DataSafetyReport dataSafety,
    int backendAtLeast, int frontendAtLeast) {

  /** No minimum beyond the Deployments' replicas (no autoscaling). */
  public Observed(long generation, List<String> specErrors, List<Problem> problems, Deployment backend,
      Deployment frontend, StatefulSet database, boolean databaseManaged, String url, DataSafetyReport dataSafety) {
    this(generation, specErrors, problems, backend, frontend, database, databaseManaged, url, dataSafety, 0, 0);
  }
}
