package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad TodoApp is refused by the API server, with a message naming the field, before the operator sees
 * it: the CRD's OpenAPI schema (bounds, patterns, enums) and its CEL rules (x-kubernetes-validations), as
 * a user meets them with {@code kubectl apply}. What only the server's validation of a child can find is
 * reported in the TodoApp's status.
 */
class TodoAppValidationIT {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.namespace("validation");

  /** Each CEL rule of the CRD, broken once: kubectl apply is refused with the field and the rule's message. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      backend minReplicas > maxReplicas  | {database: {managed: {}}, backend: {autoscaling: {enabled: true, minReplicas: 5, maxReplicas: 2}}} | spec.backend.autoscaling  | autoscaling.minReplicas must not be greater than autoscaling.maxReplicas
      frontend minReplicas > maxReplicas | {database: {managed: {}}, frontend: {autoscaling: {enabled: true, minReplicas: 3, maxReplicas: 1}}} | spec.frontend.autoscaling | autoscaling.minReplicas must not be greater than autoscaling.maxReplicas
      two database modes                 | {database: {managed: {}, embedded: {}}}                                                  | spec.database | set exactly one of database.external, database.managed or database.embedded
      embedded database with 3 replicas  | {database: {embedded: {}}, backend: {replicas: 3}}                                       | spec          | the embedded database runs inside a single backend pod: set backend.replicas to 1 and autoscaling off, or use database.managed or database.external
      embedded database with autoscaling | {database: {embedded: {}}, backend: {autoscaling: {enabled: true}}}                      | spec          | the embedded database runs inside a single backend pod: set backend.replicas to 1 and autoscaling off, or use database.managed or database.external
      backup schedule not cron           | {database: {managed: {backup: {schedule: "every night"}}}}                                | spec.database.managed.backup.schedule | backup.schedule must be a cron expression with five fields
      backup schedule with 4 fields      | {database: {managed: {backup: {schedule: "0 3 * *"}}}}                                    | spec.database.managed.backup.schedule | backup.schedule must be a cron expression with five fields
      restoreFrom on an external db      | {database: {external: {secretKeyRef: {name: db, key: url}}, restoreFrom: {pvc: old-backups}}} | spec.database | database.restoreFrom loads a dump into the PostgreSQL the operator runs: set database.managed
      restoreFrom on an embedded db      | {database: {embedded: {}, restoreFrom: {pvc: old-backups, dump: latest}}}                 | spec.database | database.restoreFrom loads a dump into the PostgreSQL the operator runs: set database.managed
      podLabels with an operator label   | {backend: {podLabels: {team: a, app.kubernetes.io/component: web}}}                      | spec.backend.podLabels | podLabels cannot set the operator
      podLabels on the managed database  | {database: {managed: {podLabels: {app.kubernetes.io/instance: other}}}}                  | spec.database.managed.podLabels | instance, component, part-of or managed-by: they select the pods
      podAnnotations with the config hash | {frontend: {podAnnotations: {todo.dev/config-hash: "0"}}}                               | spec.frontend.podAnnotations | podAnnotations cannot set todo.dev/config-hash
      """)
  void kubectlApplyOfAManifestBreakingACelRuleIsRefusedWithTheRulesMessage(String name, String spec, String field,
      String message) {
    // A name per case, so that a case the server wrongly accepts fails alone.
    String app = "cel-" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "");
    String manifest = """
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: %s, namespace: %s}
        spec: %s
        """.formatted(app, cluster.ns(), spec);
    KubeControlPlane.KubectlResult result = cluster.plane().kubectlWithInput(manifest, "apply", "-f", "-");

    assertNotEquals(0, result.exitCode(), "kubectl apply accepted it: " + result.output());
    assertTrue(result.output().contains("The TodoApp \"" + app + "\" is invalid"), result.output());
    // e.g. "spec.backend.autoscaling: Invalid value: autoscaling.minReplicas must not be greater than ..."
    assertTrue(result.output().lines().anyMatch(l -> (" " + l).contains(" " + field + ": Invalid value:")
        && l.contains(message)), "expected <" + field + ": Invalid value: ... " + message + "> in: " + result.output());
    assertNull(cluster.apps().get(cluster.ns(), app), "nothing was stored");
  }

  @Test
  void theExamplesPassEveryRuleOfTheServer() {
    for (String example : examples()) {
      String manifest;
      try {
        manifest = java.nio.file.Files.readString(cluster.plane().repoRoot().resolve(example))
            .replaceAll("(?m)^  namespace: .*$", "  namespace: " + cluster.ns());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      cluster.plane().kubectlWithInput(manifest, "apply", "--dry-run=server", "-f", "-").assertOk();
    }
  }

  @Test
  void schemaRejectsOutOfBoundsAndMalformedFieldsWithAMessage() {
    KubernetesClientException replicas = assertThrows(KubernetesClientException.class, () -> cluster.apps().create(
        cluster.apps().fromYaml("""
            apiVersion: todo.dev/v1alpha1
            kind: TodoApp
            metadata: {name: x}
            spec:
              backend: {replicas: -1}
            """, "negative-replicas", cluster.ns())));
    assertEquals(422, replicas.getCode());
    assertTrue(replicas.getMessage().contains("spec.backend.replicas"), replicas.getMessage());

    KubernetesClientException host = assertThrows(KubernetesClientException.class, () -> cluster.apps().create(
        cluster.apps().fromYaml("""
            apiVersion: todo.dev/v1alpha1
            kind: TodoApp
            metadata: {name: x}
            spec:
              ingress: {enabled: true, host: "Not_A_Host!"}
              logLevel: LOUD
            """, "bad-host", cluster.ns())));
    assertEquals(422, host.getCode());
    assertTrue(host.getMessage().contains("spec.ingress.host"), host.getMessage());
    assertTrue(host.getMessage().contains("spec.logLevel"), host.getMessage());
    assertNull(cluster.apps().get(cluster.ns(), "negative-replicas"));

    KubernetesClientException retention = assertThrows(KubernetesClientException.class, () -> cluster.apps().create(
        cluster.apps().fromYaml("""
            apiVersion: todo.dev/v1alpha1
            kind: TodoApp
            metadata: {name: x}
            spec:
              database: {managed: {backup: {retention: 0}}}
            """, "no-retention", cluster.ns())));
    assertEquals(422, retention.getCode());
    assertTrue(retention.getMessage().contains("spec.database.managed.backup.retention")
        && retention.getMessage().contains("should be greater than or equal to 1"), retention.getMessage());

    KubernetesClientException dump = assertThrows(KubernetesClientException.class, () -> cluster.apps().create(
        cluster.apps().fromYaml("""
            apiVersion: todo.dev/v1alpha1
            kind: TodoApp
            metadata: {name: x}
            spec:
              database: {managed: {}, restoreFrom: {pvc: old-backups, dump: ../../etc/passwd}}
            """, "bad-dump", cluster.ns())));
    assertEquals(422, dump.getCode());
    assertTrue(dump.getMessage().contains("spec.database.restoreFrom.dump"), dump.getMessage());
  }

  @Test
  void aCronScheduleAndARestoreIntoAManagedDatabaseAreAccepted() {
    cluster.plane().kubectlWithInput("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: backups-ok, namespace: %s}
        spec:
          database:
            managed: {backup: {schedule: "*/15 3-5 * * MON-FRI", retention: 1}}
            restoreFrom: {pvc: old-backups, dump: todo-20260101T030000Z.dump}
        """.formatted(cluster.ns()), "apply", "--dry-run=server", "-f", "-").assertOk();
    cluster.plane().kubectlWithInput("""
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: backups-daily, namespace: %s}
        spec:
          database: {managed: {backup: {schedule: "@daily"}}}
        """.formatted(cluster.ns()), "apply", "--dry-run=server", "-f", "-").assertOk();
  }

  @Test
  void aChildTheServerRefusesIsReportedDegradedWithTheServersMessageAndNoStackTrace() {
    try (OperatorProcess operator = OperatorProcess.start(cluster.plane())) {
      // Annotation keys are free-form in the CRD; the API server's validation of the Ingress refuses this one.
      cluster.apps().create(cluster.apps().fromYaml("""
          apiVersion: todo.dev/v1alpha1
          kind: TodoApp
          metadata: {name: x}
          spec:
            database: {managed: {}}
            ingress:
              enabled: true
              host: todo.local
              annotations: {"not a valid key!": "x"}
          """, "bad-annotation", cluster.ns()));

      GenericKubernetesResource app = cluster.apps()
          .awaitCondition(cluster.ns(), "bad-annotation", "Degraded", "True", 60);
      String message = TodoAppsOnCluster.conditionField(app, "Degraded", "message");
      assertEquals("ReconcileFailed", TodoAppsOnCluster.conditionField(app, "Degraded", "reason"), message);
      assertTrue(message.contains("ingress") && message.contains("not a valid key!"), message);
      assertTrue(message.contains("HTTP 422"), message);
      assertTrue(!message.contains("\tat ") && message.length() < 1000, "a short message, no stack trace: " + message);
      // Everything else the app needs is there all the same.
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
          cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("bad-annotation-backend")
              .get() != null);
    }
  }

  /** Every manifest under examples/: a new example is checked without being listed here. */
  private static List<String> examples() {
    try (var files = java.nio.file.Files.list(cluster.plane().repoRoot().resolve("examples"))) {
      List<String> found = files.map(f -> "examples/" + f.getFileName()).filter(f -> f.endsWith(".yaml")).sorted()
          .toList();
      assertTrue(found.containsAll(List.of("examples/todoapp-dev.yaml", "examples/todoapp-prod.yaml",
          "examples/todoapp-embedded.yaml", "examples/todoapp-restored.yaml")), "examples found: " + found);
      return found;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
