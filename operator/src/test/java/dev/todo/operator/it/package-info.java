/**
 * The real-API-server tier ({@code *IT}, run by failsafe in {@code ./mvnw verify}): the packaged
 * operator, in its production configuration (server-side apply on), against a real, current Kubernetes
 * control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler of the release pinned in
 * {@code scripts/kube/versions.env}) started once per test run by
 * {@link dev.todo.operator.it.KubeControlPlane} with {@code scripts/kube/cluster.sh}. Tests isolate
 * themselves by namespace. There is no kubelet: {@link dev.todo.operator.it.TestKubelet} reports pods
 * ready, and {@link dev.todo.operator.it.AuditLog} counts the operator's requests from the API server's
 * audit log.
 *
 * <p>Environment: {@code KUBEBUILDER_ASSETS} (a folder with release or envtest binaries to use instead of
 * building them), {@code TODO_KUBE_CACHE} (the per-machine cache of built binaries; default
 * {@code /var/tmp/todo-kube}), {@code TODO_REPO_ROOT} (default: found from the working directory),
 * {@code TODO_KUBE_KEEP_RUNDIR} (keep the run directory with the components' logs, the operator's log and
 * the audit log). {@link dev.todo.operator.it.OperatorScaleBenchmark} is the benchmark
 * ({@code -Dit.test=OperatorScaleBenchmark}).
 */
package dev.todo.operator.it;
