package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator restart (a new pod after an upgrade, an eviction, a leader change) over converged
 * TodoApps must be invisible: not one create, update, patch or delete from the operator's identity,
 * counted by the API server's audit log, and the generated JWT Secret left exactly as it was (same
 * uid, same resourceVersion: not even rewritten), so no user is logged out.
 */
@ExtendWith(RealApiServer.class)
class OperatorRestartIT {
  static final int APPS = 3;

  static OperatorProcess operator;
  static TestKubelet kubelet;

  @AfterAll
  static void stop() {
    if (kubelet != null) {
      kubelet.close();
    }
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void restartOverConvergedTodoAppsWritesNothingAndKeepsTheGeneratedJwtSecret() {
    KubeControlPlane plane = RealApiServer.controlPlane();
    KubernetesClient admin = plane.admin();
    TodoAppsOnCluster apps = new TodoAppsOnCluster(admin);
    String ns = RealApiServer.newNamespace("restart");
    kubelet = TestKubelet.start(admin, ns);
    operator = OperatorProcess.start(plane);
    for (int i = 0; i < APPS; i++) {
      apps.create(apps.fromRepo("examples/todoapp-dev.yaml", "todo-" + i, ns));
    }
    for (int i = 0; i < APPS; i++) {
      apps.awaitCondition(ns, "todo-" + i, "Ready", "True", 180);
    }
    ConvergedWrites.awaitQuiet(plane.auditLog(), ns, Duration.ofSeconds(20), Duration.ofSeconds(120));
    Map<String, String> jwtBefore = jwtSecrets(admin, ns);

    operator.close();
    long mark = plane.auditLog().mark();
    operator = OperatorProcess.start(plane);
    // Wait until the new operator has reconciled every TodoApp at least once, then a little longer
    // than its 15 s re-check period, so any write it was going to make has been made and audited.
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> operator.metricSum("operator_sdk_controllers_execution_reconcile_success_total") >= APPS);
    KubeControlPlane.sleep(20_000);

    List<AuditLog.Event> writes = plane.auditLog().writesBy(KubeControlPlane.OPERATOR_USER, mark).stream()
        .filter(e -> ns.equals(e.namespace())).toList();
    assertEquals(Map.of(), AuditLog.histogram(writes), "writes by the restarted operator: " + writes);
    assertEquals(jwtBefore, jwtSecrets(admin, ns), "generated JWT Secrets (uid, resourceVersion, data)");
    // Metrics are per controller: a series per TodoApp would grow /q/metrics with every app.
    List<String> perApp = operator.metrics().lines().filter(l -> l.startsWith("operator_sdk_"))
        .filter(l -> l.contains("name=\"todo-0\"")).toList();
    assertEquals(0, perApp.size(), perApp.size() + " operator metric series tagged with one TodoApp's name, e.g. "
        + perApp.subList(0, Math.min(2, perApp.size())));
  }

  static Map<String, String> jwtSecrets(KubernetesClient admin, String ns) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (int i = 0; i < APPS; i++) {
      Secret s = admin.secrets().inNamespace(ns).withName("todo-" + i + "-jwt").get();
      secrets.put(s.getMetadata().getName(), s.getMetadata().getUid() + " rv=" + s.getMetadata().getResourceVersion()
          + " data=" + s.getData());
    }
    return secrets;
  }
}
