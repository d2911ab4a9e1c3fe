package dev.todo.operator.resources.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.model.SpecValidation;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.resources.backend.BackendDeployment;
import dev.todo.operator.resources.backend.BackendPdb;
import dev.todo.operator.resources.backend.BackendService;
import dev.todo.operator.resources.database.PostgresService;
import dev.todo.operator.resources.database.PostgresStatefulSet;
import dev.todo.operator.resources.frontend.FrontendDeployment;
import dev.todo.operator.resources.frontend.FrontendPdb;
import dev.todo.operator.resources.frontend.FrontendService;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * spec.backend, spec.frontend and spec.database.managed place their own pods (nodeSelector, tolerations,
 * affinity, topology spread, priority class) and add labels and annotations to them; spec.service.annotations
 * reach the frontend Service. The operator's labels, selectors and annotation stay its own.
 */
class PodSchedulingTest {
  static final AppDeployment.Inputs INPUTS = new AppDeployment.Inputs("hash", true);
  static final Map<String, String> BACKEND_SELECTOR = Map.of("app.kubernetes.io/name", "todo",
      "app.kubernetes.io/instance", "app", "app.kubernetes.io/component", "backend");

  /** A TodoApp read from YAML with the operator's deserializer (no validation: the tests call it). */
  static TodoApp app(String spec) {
    String manifest = """
        apiVersion: todo.dev/v1alpha1
        kind: TodoApp
        metadata: {name: app, namespace: ns, uid: uid-app}
        spec:
        %s""".formatted(spec.indent(2));
    return Serialization.unmarshal(manifest, TodoApp.class);
  }

  static PodTemplateSpec backend(TodoApp app) {
    return BackendDeployment.build(app, INPUTS).getSpec().getTemplate();
  }

  static PodTemplateSpec frontend(TodoApp app) {
    return FrontendDeployment.build(app, INPUTS).getSpec().getTemplate();
  }

  static PodTemplateSpec postgres(TodoApp app) {
    return PostgresStatefulSet.build(app).getSpec().getTemplate();
  }

  static final String EVERY_FIELD = """
      nodeSelector: {cloud.google.com/gke-nodepool: %1$s-pool}
      tolerations: [{key: dedicated, operator: Equal, value: %1$s, effect: NoSchedule}]
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]}]
      topologySpreadConstraints: [{maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}]
      priorityClassName: %1$s-priority
      podAnnotations: {mesh.example.com/inject: "%1$s"}
      podLabels: {team: %1$s}
      """;

  @Test
  void eachWorkloadsFieldsReachItsOwnPodTemplateAndNoOther() {
    TodoApp app = app("""
        backend:
        %s
        frontend:
        %s
        database:
          managed:
        %s
        """.formatted(EVERY_FIELD.formatted("api").indent(2), EVERY_FIELD.formatted("web").indent(2),
        EVERY_FIELD.formatted("db").indent(4)));
    assertEquals(List.of(), SpecValidation.errors(app.getSpec()));
    Map<String, PodTemplateSpec> templates = Map.of("api", backend(app), "web", frontend(app), "db", postgres(app));
    templates.forEach((owner, template) -> {
      PodSpec pod = template.getSpec();
      assertEquals(Map.of("cloud.google.com/gke-nodepool", owner + "-pool"), pod.getNodeSelector(), owner);
      assertEquals(1, pod.getTolerations().size(), owner);
      assertEquals(owner, pod.getTolerations().get(0).getValue());
      assertEquals("NoSchedule", pod.getTolerations().get(0).getEffect());
      assertEquals("kubernetes.io/arch", pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
          .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey(), owner);
      assertNull(pod.getAffinity().getPodAntiAffinity(), owner + ": the given affinity replaces the default");
      assertEquals(1, pod.getTopologySpreadConstraints().size(), owner);
      assertEquals("kubernetes.io/hostname", pod.getTopologySpreadConstraints().get(0).getTopologyKey());
      assertEquals(2, pod.getTopologySpreadConstraints().get(0).getMaxSkew());
      assertEquals("DoNotSchedule", pod.getTopologySpreadConstraints().get(0).getWhenUnsatisfiable());
      assertEquals(owner + "-priority", pod.getPriorityClassName());
      assertEquals(owner, template.getMetadata().getAnnotations().get("mesh.example.com/inject"));
      assertEquals(owner, template.getMetadata().getLabels().get("team"));
    });
    assertEquals("hash", backend(app).getMetadata().getAnnotations().get(ConfigHash.ANNOTATION),
        "the operator's annotation stays beside the user's");
    assertEquals("db", postgres(app).getMetadata().getLabels().get("team"));
  }

  @Test
  void severalPodsSpreadOverZonesByDefault_onePodDoesNot() {
    TodoApp app = app("""
        database: {managed: {}}
        backend: {replicas: 3}
        frontend: {replicas: 1, autoscaling: {enabled: true, minReplicas: 1, maxReplicas: 4}}
        """);
    TopologySpreadConstraint zone = backend(app).getSpec().getTopologySpreadConstraints().get(0);
    assertEquals(1, backend(app).getSpec().getTopologySpreadConstraints().size());
    assertEquals("topology.kubernetes.io/zone", zone.getTopologyKey());
    assertEquals(1, zone.getMaxSkew());
    assertEquals("ScheduleAnyway", zone.getWhenUnsatisfiable(), "a preference: a single-zone cluster still runs them");
    assertEquals(BACKEND_SELECTOR, zone.getLabelSelector().getMatchLabels(), "counts this component's pods");
    assertEquals("topology.kubernetes.io/zone", frontend(app).getSpec().getTopologySpreadConstraints().get(0)
        .getTopologyKey(), "an autoscaler that may add pods spreads them too");
    assertEquals("frontend", frontend(app).getSpec().getTopologySpreadConstraints().get(0).getLabelSelector()
        .getMatchLabels().get("app.kubernetes.io/component"));

    TodoApp single = app("backend: {replicas: 1}");
    assertEquals(List.of(), backend(single).getSpec().getTopologySpreadConstraints(), "one pod: nothing to spread");
    assertEquals(List.of(), frontend(single).getSpec().getTopologySpreadConstraints());
    assertEquals(List.of(), postgres(app).getSpec().getTopologySpreadConstraints(), "the database runs one pod");
  }

  @Test
  void givenAffinityReplacesTheDefaultAntiAffinity_emptyRemovesIt_absentKeepsIt() {
    TodoApp app = app("""
        database: {managed: {}}
        backend:
          replicas: 2
          affinity:
            podAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 50
                podAffinityTerm:
                  topologyKey: kubernetes.io/hostname
                  labelSelector: {matchLabels: {app.kubernetes.io/component: frontend}}
        frontend: {replicas: 2, affinity: {}}
        """);
    var backendAffinity = backend(app).getSpec().getAffinity();
    assertNull(backendAffinity.getPodAntiAffinity(), "the built-in rule is replaced, not merged");
    assertEquals(50, backendAffinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0)
        .getWeight());
    assertNull(frontend(app).getSpec().getAffinity(), "affinity: {} removes the built-in rule");
    String yaml = Serialization.asYaml(FrontendDeployment.build(app, INPUTS));
    assertFalse(yaml.contains("affinity"), "nothing empty is applied: " + yaml);

    TodoApp defaults = app("database: {managed: {}}\nbackend: {replicas: 2}");
    var term = backend(defaults).getSpec().getAffinity().getPodAntiAffinity()
        .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm();
    assertEquals("kubernetes.io/hostname", term.getTopologyKey(), "absent: prefer one pod per node");
    assertEquals(BACKEND_SELECTOR, term.getLabelSelector().getMatchLabels());
    assertNull(postgres(defaults).getSpec().getAffinity(), "the database has no default affinity");
  }

  @Test
  void givenSpreadReplacesTheDefault_emptyRemovesIt_aMissingSelectorCountsTheComponentsPods() {
    TodoApp app = app("""
        database: {managed: {}}
        backend:
          replicas: 3
          topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}
          - maxSkew: 1
            topologyKey: kubernetes.io/hostname
            whenUnsatisfiable: ScheduleAnyway
            labelSelector: {matchLabels: {team: api}}
        frontend: {replicas: 3, topologySpreadConstraints: []}
        """);
    List<TopologySpreadConstraint> spread = backend(app).getSpec().getTopologySpreadConstraints();
    assertEquals(2, spread.size());
    assertEquals("DoNotSchedule", spread.get(0).getWhenUnsatisfiable());
    assertEquals(BACKEND_SELECTOR, spread.get(0).getLabelSelector().getMatchLabels(),
        "without labelSelector: this component's pods");
    assertEquals(Map.of("team", "api"), spread.get(1).getLabelSelector().getMatchLabels(), "the user's selector kept");
    assertNull(app.getSpec().getBackend().getTopologySpreadConstraints().get(0).getLabelSelector(),
        "the TodoApp's own spec is not changed");
    assertEquals(List.of(), frontend(app).getSpec().getTopologySpreadConstraints(), "[] removes the default spread");
    assertFalse(Serialization.asYaml(FrontendDeployment.build(app, INPUTS)).contains("topologySpreadConstraints"));
  }

  @Test
  void podLabelsNeverReachASelector_andTheOperatorsLabelsWin() {
    TodoApp app = app("""
        database: {managed: {podLabels: {team: db}}}
        backend: {replicas: 2, podLabels: {team: api, cost-center: "42"}}
        frontend: {replicas: 2, podLabels: {team: web}}
        """);
    var backend = BackendDeployment.build(app, INPUTS);
    assertEquals(BACKEND_SELECTOR, backend.getSpec().getSelector().getMatchLabels(), "Deployment selector");
    assertEquals(BACKEND_SELECTOR, BackendService.build(app).getSpec().getSelector(), "Service selector");
    assertEquals(BACKEND_SELECTOR, BackendPdb.build(app).getSpec().getSelector().getMatchLabels(), "PDB selector");
    assertEquals(BACKEND_SELECTOR, backend.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().get(0)
        .getLabelSelector().getMatchLabels(), "spread selector");
    assertEquals(BACKEND_SELECTOR, backend.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
        .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm().getLabelSelector()
        .getMatchLabels(), "anti-affinity selector");
    assertFalse(FrontendService.build(app).getSpec().getSelector().containsKey("team"));
    assertFalse(FrontendPdb.build(app).getSpec().getSelector().getMatchLabels().containsKey("team"));
    assertFalse(PostgresStatefulSet.build(app).getSpec().getSelector().getMatchLabels().containsKey("team"));
    assertFalse(PostgresService.build(app).getSpec().getSelector().containsKey("team"));
    assertEquals("42", backend.getSpec().getTemplate().getMetadata().getLabels().get("cost-center"));
    assertFalse(backend.getMetadata().getLabels().containsKey("team"), "on the pods, not on the Deployment");

    // A colliding key is refused by the CRD and by the operator; were it to reach the builder, ours wins.
    TodoApp colliding = app("backend: {podLabels: {app.kubernetes.io/component: web, app.kubernetes.io/name: x}}");
    assertEquals("backend", backend(colliding).getMetadata().getLabels().get("app.kubernetes.io/component"));
    assertEquals("todo", backend(colliding).getMetadata().getLabels().get("app.kubernetes.io/name"));
  }

  @Test
  void theOperatorsLabelsAndConfigHashCannotBeSetByTheUser() {
    TodoApp app = app("""
        database:
          managed: {podLabels: {app.kubernetes.io/managed-by: helm}}
        backend:
          podLabels: {app.kubernetes.io/component: web, app.kubernetes.io/instance: x, team: ok}
        frontend:
          podAnnotations: {todo.dev/config-hash: "0"}
        """);
    List<String> errors = SpecValidation.errors(app.getSpec());
    assertEquals(3, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("spec.backend.podLabels cannot set app.kubernetes.io/instance,"
        + " app.kubernetes.io/component: the operator's labels select the pods"), errors.get(0));
    assertTrue(errors.get(1).startsWith("spec.frontend.podAnnotations cannot set todo.dev/config-hash"), errors.get(1));
    assertTrue(errors.get(2).startsWith("spec.database.managed.podLabels cannot set app.kubernetes.io/managed-by"),
        errors.get(2));
    assertEquals("hash", frontend(app).getMetadata().getAnnotations().get(ConfigHash.ANNOTATION));
  }

  @Test
  void serviceAnnotationsReachTheFrontendServiceOnly() {
    TodoApp app = app("""
        service:
          type: LoadBalancer
          annotations:
            service.beta.kubernetes.io/do-loadbalancer-size-unit: "2"
            service.beta.kubernetes.io/azure-load-balancer-internal: "true"
        """);
    var service = FrontendService.build(app);
    assertEquals("LoadBalancer", service.getSpec().getType());
    assertEquals(Map.of("service.beta.kubernetes.io/do-loadbalancer-size-unit", "2",
        "service.beta.kubernetes.io/azure-load-balancer-internal", "true"), service.getMetadata().getAnnotations());
    assertFalse(Serialization.asYaml(BackendService.build(app)).contains("annotations"),
        "the backend Service stays internal");
    assertFalse(Serialization.asYaml(FrontendService.build(app("service: {annotations: {}}"))).contains("annotations"),
        "an empty map is not applied");
  }

  @Test
  void withoutTheNewFieldsNothingEmptyIsRendered() {
    TodoApp app = app("""
        database: {managed: {}}
        backend: {nodeSelector: {}, tolerations: [], podLabels: {}, podAnnotations: {}}
        """);
    for (PodTemplateSpec template : List.of(backend(app), frontend(app), postgres(app))) {
      PodSpec pod = template.getSpec();
      assertEquals(Map.of(), pod.getNodeSelector());
      assertEquals(List.of(), pod.getTolerations());
      assertNull(pod.getPriorityClassName());
      assertEquals(List.of(), pod.getTopologySpreadConstraints(), "one pod each");
      String yaml = Serialization.asYaml(template);
      for (String field : List.of("nodeSelector", "tolerations", "priorityClassName", "topologySpreadConstraints",
          "{}", "[]")) {
        assertFalse(yaml.contains(field), field + " rendered in:\n" + yaml);
      }
    }
    assertFalse(Serialization.asYaml(postgres(app)).contains("annotations"), "no annotation on the database's pods");
    assertEquals(Map.of(ConfigHash.ANNOTATION, "hash"), backend(app).getMetadata().getAnnotations());
  }
}
