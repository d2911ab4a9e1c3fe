package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Duration;
import java.util.ArrayList;
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
 *
 * <p>The operator watches two namespaces ({@code WATCH_NAMESPACES}), with apps in both: it then runs
 * one informer per namespace for each kind, and each must keep its own namespace's children through
 * the other's initial list (a store shared by the two would drop one namespace's children at the
 * other's list, and the restarted operator would create them again). Fields the operator does not
 * set, written by others before the restart, are left alone by it: an annotation on a Deployment,
 * and {@code kubectl rollout restart}'s annotation on its pod template.
 *
 * <p>One app sets every scheduling and pod-metadata field ({@link #SCHEDULING}): the API server accepts
 * them in the TodoApp and in its children, and what it keeps of them still equals what the operator
 * computes, so they too leave a restart without a write.
 */
@ExtendWith(RealApiServer.class)
class OperatorRestartIT {
  static final int APPS = 3;
  static final String FOREIGN = "example.com/owned-by-another-tool";
  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /** Every field of WorkloadSpec and spec.service.annotations, merged into one app of the dev example. */
  static final String SCHEDULING = """
      backend:
        replicas: 2
        nodeSelector: {topology.kubernetes.io/region: test-region}
        tolerations:
        - {key: dedicated, operator: Equal, value: todo, effect: NoSchedule}
        - {key: spot, operator: Exists}
        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 10
              preference: {matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]}
        priorityClassName: todo-restart-high
        podAnnotations: {example.com/scrape: "true"}
        podLabels: {team: todo}
      frontend:
        replicas: 2
        topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway}
        podLabels: {team: todo}
      database:
        managed:
          nodeSelector: {topology.kubernetes.io/region: test-region}
          tolerations: [{key: dedicated, operator: Equal, value: db, effect: NoSchedule}]
          affinity: {}
          priorityClassName: todo-restart-high
          podAnnotations: {example.com/backup: nightly}
          podLabels: {team: todo}
      service:
        annotations: {service.beta.kubernetes.io/do-loadbalancer-size-unit: "2"}
      """;

  static OperatorProcess operator;
  static final List<TestKubelet> kubelets = new ArrayList<>();

  @AfterAll
  static void stop() {
    kubelets.forEach(TestKubelet::close);
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void restartOverConvergedTodoAppsInTwoNamespacesWritesNothingAndKeepsWhatOthersWrote() {
    KubeControlPlane plane = RealApiServer.controlPlane();
    KubernetesClient admin = plane.admin();
    TodoAppsOnCluster apps = new TodoAppsOnCluster(admin);
    List<String> namespaces = List.of(RealApiServer.newNamespace("restart"), RealApiServer.newNamespace("restart"));
    namespaces.forEach(ns -> kubelets.add(TestKubelet.start(admin, ns)));
    Map<String, String> watch = Map.of("WATCH_NAMESPACES", String.join(",", namespaces));
    operator = OperatorProcess.start(plane, watch);
    admin.scheduling().v1().priorityClasses().resource(new PriorityClassBuilder().withNewMetadata()
        .withName("todo-restart-high").endMetadata().withValue(1000).build()).createOr(NonDeletingOperation::update);
    String scheduled = namespaces.get(0);
    for (String ns : namespaces) {
      for (int i = 0; i < APPS; i++) {
        GenericKubernetesResource app = apps.fromRepo("examples/todoapp-dev.yaml", "todo-" + i, ns);
        if (ns.equals(scheduled) && i == 0) {
          mergeInto(app.get("spec"), admin.getKubernetesSerialization().unmarshal(SCHEDULING, Map.class));
        }
        apps.create(app);
      }
    }
    for (String ns : namespaces) {
      for (int i = 0; i < APPS; i++) {
        apps.awaitCondition(ns, "todo-" + i, "Ready", "True", 180);
      }
    }
    // Others' writes: an annotation of another tool and a `kubectl rollout restart` (which rolls the pods).
    String edited = namespaces.get(1);
    admin.apps().deployments().inNamespace(edited).withName("todo-0-backend").edit(d -> {
      if (d.getMetadata().getAnnotations() == null) {
        d.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
      d.getMetadata().getAnnotations().put(FOREIGN, "yes");
      d.getSpec().getTemplate().getMetadata().getAnnotations().put(RESTARTED_AT, "2026-11-29T12:00:00Z");
      return d;
    });
    for (String ns : namespaces) {
      ConvergedWrites.awaitQuiet(plane.auditLog(), ns, Duration.ofSeconds(20), Duration.ofSeconds(120));
    }
    var backendPod = admin.apps().deployments().inNamespace(scheduled).withName("todo-0-backend").get().getSpec()
        .getTemplate();
    assertEquals("todo-restart-high", backendPod.getSpec().getPriorityClassName());
    assertEquals(2, backendPod.getSpec().getTolerations().size());
    assertEquals("topology.kubernetes.io/zone", backendPod.getSpec().getTopologySpreadConstraints().get(0)
        .getTopologyKey(), "two pods: the default zone spread");
    assertEquals("todo", backendPod.getMetadata().getLabels().get("team"));
    var postgresPod = admin.apps().statefulSets().inNamespace(scheduled).withName("todo-0-postgres").get().getSpec()
        .getTemplate();
    assertEquals("db", postgresPod.getSpec().getTolerations().get(0).getValue());
    assertEquals("nightly", postgresPod.getMetadata().getAnnotations().get("example.com/backup"));
    assertEquals("2", admin.services().inNamespace(scheduled).withName("todo-0-frontend").get().getMetadata()
        .getAnnotations().get("service.beta.kubernetes.io/do-loadbalancer-size-unit"));
    assertEquals(2, admin.pods().inNamespace(scheduled).withLabel("team", "todo").list().getItems().stream()
        .filter(p -> "todo-restart-high".equals(p.getSpec().getPriorityClassName())
            && "backend".equals(p.getMetadata().getLabels().get("app.kubernetes.io/component"))).count(),
        "the API server admitted the backend's pods with the priority class");
    Map<String, String> jwtBefore = new LinkedHashMap<>();
    namespaces.forEach(ns -> jwtBefore.putAll(jwtSecrets(admin, ns)));

    operator.close();
    long mark = plane.auditLog().mark();
    operator = OperatorProcess.start(plane, watch);
    // Wait until the new operator has reconciled every TodoApp at least once, then a little longer
    // than its 15 s re-check period, so any write it was going to make has been made and audited.
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> operator.metricSum("operator_sdk_controllers_execution_reconcile_success_total")
            >= APPS * namespaces.size());
    KubeControlPlane.sleep(20_000);

    List<AuditLog.Event> writes = plane.auditLog().writesBy(KubeControlPlane.OPERATOR_USER, mark).stream()
        .filter(e -> namespaces.contains(e.namespace())).toList();
    assertEquals(Map.of(), AuditLog.histogram(writes), "writes by the restarted operator: " + writes);
    Map<String, String> jwtAfter = new LinkedHashMap<>();
    namespaces.forEach(ns -> jwtAfter.putAll(jwtSecrets(admin, ns)));
    assertEquals(jwtBefore, jwtAfter, "generated JWT Secrets (uid, resourceVersion, data)");
    Deployment backend = admin.apps().deployments().inNamespace(edited).withName("todo-0-backend").get();
    assertEquals("yes", backend.getMetadata().getAnnotations().get(FOREIGN), "another tool's annotation");
    assertEquals("2026-11-29T12:00:00Z", backend.getSpec().getTemplate().getMetadata().getAnnotations()
        .get(RESTARTED_AT), "kubectl rollout restart's annotation");
    // Metrics are per controller: a series per TodoApp would grow /q/metrics with every app.
    List<String> perApp = operator.metrics().lines().filter(l -> l.startsWith("operator_sdk_"))
        .filter(l -> l.contains("name=\"todo-0\"")).toList();
    assertEquals(0, perApp.size(), perApp.size() + " operator metric series tagged with one TodoApp's name, e.g. "
        + perApp.subList(0, Math.min(2, perApp.size())));
  }

  /** Deep-merges {@code extra} into {@code target} (maps merged key by key, anything else replaced). */
  @SuppressWarnings("unchecked")
  static void mergeInto(Map<String, Object> target, Map<String, Object> extra) {
    extra.forEach((key, value) -> {
      if (value instanceof Map && target.get(key) instanceof Map) {
        mergeInto((Map<String, Object>) target.get(key), (Map<String, Object>) value);
      } else {
        target.put(key, value);
      }
    });
  }

  static Map<String, String> jwtSecrets(KubernetesClient admin, String ns) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (int i = 0; i < APPS; i++) {
      Secret s = admin.secrets().inNamespace(ns).withName("todo-" + i + "-jwt").get();
      secrets.put(ns + "/" + s.getMetadata().getName(), s.getMetadata().getUid() + " rv="
          + s.getMetadata().getResourceVersion() + " data=" + s.getData());
    }
    return secrets;
  }
}
