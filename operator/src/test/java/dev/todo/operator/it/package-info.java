/**
 * The real-API-server tier ({@code *IT}, run by failsafe in {@code ./mvnw verify}): the packaged
 * operator, in its production configuration (server-side apply on), against a real Kubernetes 1.20
 * control plane (etcd, kube-apiserver, kube-controller-manager) started once per test run by
 * {@link dev.todo.operator.it.KubeControlPlane} from the scripts in {@code ../shared/kube}. There is no
 * scheduler or kubelet: {@link dev.todo.operator.it.TestKubelet} reports pods ready, and
 * {@link dev.todo.operator.it.AuditLog} counts the operator's requests from the API server's audit log.
 *
 * <p>Environment: {@code TODO_KUBE_SCRIPTS} (the folder with build-kube.sh and run-kube.sh; default
 * {@code ../shared/kube} beside the repository), {@code TODO_KUBE_WORKDIR} (where the binaries are built
 * once per machine, ~8 minutes; default {@code /var/tmp/todo-kube}), {@code TODO_REPO_ROOT} (default:
 * found from the working directory), {@code TODO_KUBE_KEEP_RUNDIR} (keep the run directory with the
 * API server's, the controller manager's and the operator's logs and the audit log).
 * {@link dev.todo.operator.it.OperatorScaleBenchmark} is the benchmark ({@code -Dit.test=OperatorScaleBenchmark}).
 */
package dev.todo.operator.it;
