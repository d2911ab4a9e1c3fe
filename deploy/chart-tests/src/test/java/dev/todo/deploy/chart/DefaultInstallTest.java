package dev.todo.deploy.chart;

import static dev.todo.deploy.chart.RenderedChart.NAMESPACE;
import static dev.todo.deploy.chart.RenderedChart.RELEASE;
import static dev.todo.deploy.chart.RenderedChart.list;
import static dev.todo.deploy.chart.RenderedChart.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `helm install todo-operator deploy/helm/todo-operator -n todo-system` with no values file. */
class DefaultInstallTest {

  static RenderedChart chart;

  @BeforeAll
  static void render() {
    chart = RenderedChart.render();
  }

  @Test
  void installsTheOperatorWithAllItNeedsAndNothingElse() {
    Set<String> kinds = chart.all().stream().map(o -> (String) o.get("kind")).collect(Collectors.toSet());
    assertEquals(
        Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment", "Service"),
        kinds, "rendered: " + chart.summary());
    assertFalse(chart.has("PodDisruptionBudget", RELEASE), "no PDB for a single replica by default");
  }

  @Test
  void watchesEveryNamespaceWithExactlyThePermissionsTheOperatorUses() {
    Map<String, Object> role = chart.named("ClusterRole", RELEASE, null);
    assertEquals(OperatorPermissions.EXPECTED, OperatorPermissions.of(role));

    Map<String, Object> binding = chart.named("ClusterRoleBinding", RELEASE, null);
    assertEquals("ClusterRole", path(binding, "roleRef.kind"));
    assertEquals(RELEASE, path(binding, "roleRef.name"));
    assertEquals(
        List.of(Map.of("kind", "ServiceAccount", "name", RELEASE, "namespace", NAMESPACE)),
        path(binding, "subjects"));
    assertTrue(chart.ofKind("Role").isEmpty(), "no namespaced roles when watching all namespaces");
    assertEquals("", chart.operatorEnv().get("WATCH_NAMESPACES"), "empty = all namespaces");
  }

  @Test
  @SuppressWarnings("unchecked")
  void letsNamespaceEditorsManageTodoAppsButGivesThemNoOperatorRights() {
    Map<String, Object> edit = chart.named("ClusterRole", RELEASE + "-todoapps-edit", null);
    Map<String, ?> labels = path(edit, "metadata.labels");
    assertEquals("true", labels.get("rbac.authorization.k8s.io/aggregate-to-edit"));
    assertEquals("true", labels.get("rbac.authorization.k8s.io/aggregate-to-admin"));
    assertEquals(Set.of("todo.dev/todoapps", "todo.dev/todoapps/status"), OperatorPermissions.of(edit).keySet());
    Map<String, Object> view = chart.named("ClusterRole", RELEASE + "-todoapps-view", null);
    assertEquals("true", ((Map<String, ?>) path(view, "metadata.labels")).get("rbac.authorization.k8s.io/aggregate-to-view"));
    assertEquals(Set.of("get", "list", "watch"), OperatorPermissions.of(view).get("todo.dev/todoapps"));
  }

  @Test
  void runsOneReplicaWithoutLeaderElectionAndNeverTwoAtOnce() {
    Map<String, Object> deployment = chart.single("Deployment");
    assertEquals(1, (int) path(deployment, "spec.replicas"));
    assertEquals("Recreate", path(deployment, "spec.strategy.type"));
    assertEquals("false", chart.operatorEnv().get("LEADER_ELECTION_ENABLED"));
    assertFalse(chart.has("Role", RELEASE + "-leader-election"), "no lease permissions without leader election");
  }

  @Test
  void runsTheChartsAppVersionImage() {
    Map<String, Object> container = chart.operatorContainer();
    assertEquals("todo-operator:0.1.0", container.get("image"));
    assertEquals("IfNotPresent", container.get("imagePullPolicy"));
  }

  @Test
  void tellsTheOperatorItsNamespaceThroughTheDownwardApi() {
    Map<String, String> env = chart.operatorEnv();
    assertEquals("fieldRef:metadata.namespace", env.get("POD_NAMESPACE"));
    assertEquals("INFO", env.get("QUARKUS_LOG_CATEGORY__DEV_TODO__LEVEL"));
  }

  @Test
  void probesTheOperatorsHealthEndpointsOnPort8080() {
    Map<String, Object> container = chart.operatorContainer();
    assertEquals(List.of(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP")), container.get("ports"));
    assertEquals("/q/health/live", path(container, "livenessProbe.httpGet.path"));
    assertEquals("http", path(container, "livenessProbe.httpGet.port"));
    assertEquals("/q/health/ready", path(container, "readinessProbe.httpGet.path"));
    assertEquals("http", path(container, "readinessProbe.httpGet.port"));
  }

  @Test
  void meetsTheRestrictedPodSecurityStandard() {
    Map<String, Object> pod = path(chart.single("Deployment"), "spec.template.spec");
    assertEquals(true, path(pod, "securityContext.runAsNonRoot"));
    assertEquals(10001, (int) path(pod, "securityContext.runAsUser"));
    assertEquals("RuntimeDefault", path(pod, "securityContext.seccompProfile.type"));

    Map<String, Object> container = chart.operatorContainer();
    assertEquals(false, path(container, "securityContext.allowPrivilegeEscalation"));
    assertEquals(true, path(container, "securityContext.readOnlyRootFilesystem"));
    assertEquals(List.of("ALL"), path(container, "securityContext.capabilities.drop"));
    assertNull(path(container, "securityContext.capabilities.add"), "nothing added back");
    assertNull(path(container, "securityContext.privileged"), "nothing added back");

    // A read-only root filesystem needs a writable /tmp for the JVM.
    assertEquals(List.of(Map.of("name", "tmp", "mountPath", "/tmp")), container.get("volumeMounts"));
    assertNotNull(path(list(pod, "volumes").get(0), "emptyDir"));
    assertEquals(RELEASE, pod.get("serviceAccountName"));
  }

  @Test
  void setsResourceRequestsAndAMemoryLimit() {
    Map<String, Object> container = chart.operatorContainer();
    assertEquals("100m", path(container, "resources.requests.cpu"));
    assertEquals("256Mi", path(container, "resources.requests.memory"));
    assertEquals("512Mi", path(container, "resources.limits.memory"));
  }

  @Test
  void exposesMetricsThroughAServiceSelectingTheOperatorPods() {
    Map<String, Object> service = chart.named("Service", RELEASE + "-metrics", NAMESPACE);
    assertEquals(List.of(Map.of("name", "http-metrics", "port", 8080, "targetPort", "http", "protocol", "TCP")),
        path(service, "spec.ports"));
    Map<String, Object> podLabels = path(chart.single("Deployment"), "spec.template.metadata.labels");
    Map<String, Object> selector = path(service, "spec.selector");
    assertFalse(selector.isEmpty());
    selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), "pod label " + k));
    assertTrue(chart.ofKind("ServiceMonitor").isEmpty(), "ServiceMonitor only on request");
  }

  @Test
  void labelsAndNamespacesEveryObject() {
    for (Map<String, Object> object : chart.all()) {
      Map<String, Object> labels = path(object, "metadata.labels");
      String what = object.get("kind") + " " + path(object, "metadata.name");
      assertNotNull(labels, what + " has labels");
      assertEquals("todo-operator", labels.get("app.kubernetes.io/name"), what);
      assertEquals(RELEASE, labels.get("app.kubernetes.io/instance"), what);
      assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"), what);
      boolean clusterScoped = Set.of("ClusterRole", "ClusterRoleBinding").contains(object.get("kind"));
      assertEquals(clusterScoped ? null : NAMESPACE, path(object, "metadata.namespace"), what);
    }
  }
}
