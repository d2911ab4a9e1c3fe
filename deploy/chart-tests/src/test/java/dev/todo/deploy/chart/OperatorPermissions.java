package dev.todo.deploy.chart;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exact permissions the operator needs on what it watches and creates, written out once so
 * every RBAC test compares the rendered rules against the same list: a verb or a resource added
 * to the chart without a reason fails the tests as surely as one that goes missing.
 */
final class OperatorPermissions {

  private static final List<String> MANAGE =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");

  /** "apiGroup/resource" (core group: "/resource") -> sorted verbs. */
  static final Map<String, TreeSet<String>> EXPECTED = new TreeMap<>();

  static {
    expect("todo.dev", "todoapps", "get", "list", "watch", "patch", "update");
    expect("todo.dev", "todoapps/status", "get", "patch", "update");
    expect("todo.dev", "todoapps/finalizers", "update");
    for (String resource : List.of("deployments", "statefulsets")) {
      expect("apps", resource, MANAGE.toArray(String[]::new));
    }
    for (String resource : List.of("services", "configmaps", "secrets", "persistentvolumeclaims")) {
      expect("", resource, MANAGE.toArray(String[]::new));
    }
    expect("", "pods", "get", "list", "watch");
    expect("", "events", "create");
    for (String resource : List.of("ingresses", "networkpolicies")) {
      expect("networking.k8s.io", resource, MANAGE.toArray(String[]::new));
    }
    expect("autoscaling", "horizontalpodautoscalers", MANAGE.toArray(String[]::new));
    expect("policy", "poddisruptionbudgets", MANAGE.toArray(String[]::new));
    expect("monitoring.coreos.com", "servicemonitors", MANAGE.toArray(String[]::new));
    expect("batch", "cronjobs", MANAGE.toArray(String[]::new));
    expect("batch", "jobs", "create", "delete", "get", "list", "watch");
  }

  private static void expect(String group, String resource, String... verbs) {
    EXPECTED.put(group + "/" + resource, new TreeSet<>(List.of(verbs)));
  }

  /** Flattens the rules of a Role or ClusterRole into "group/resource" -> verbs. */
  static Map<String, TreeSet<String>> of(Map<String, Object> role) {
    Map<String, TreeSet<String>> granted = new TreeMap<>();
    for (Map<String, Object> rule : RenderedChart.list(role, "rules")) {
      List<String> groups = RenderedChart.path(rule, "apiGroups");
      List<String> resources = RenderedChart.path(rule, "resources");
      List<String> verbs = RenderedChart.path(rule, "verbs");
      if (rule.containsKey("resourceNames") || rule.containsKey("nonResourceURLs")) {
        throw new AssertionError("unexpected rule shape in " + role.get("kind") + ": " + rule);
      }
      for (String group : groups) {
        for (String resource : resources) {
          granted.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(verbs);
        }
      }
    }
    return granted;
  }

  private OperatorPermissions() {}
}
