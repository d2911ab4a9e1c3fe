package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.AiSpec;
import dev.todo.operator.model.spec.AutoscalingSpec;
import dev.todo.operator.model.spec.DisruptionBudgetSpec;
import dev.todo.operator.model.spec.FrontendSpec;
import dev.todo.operator.model.spec.IngressSpec;
import dev.todo.operator.model.spec.TlsSpec;
import dev.todo.operator.resources.backend.BackendHpa;
import dev.todo.operator.resources.backend.BackendPdb;
import dev.todo.operator.resources.frontend.FrontendHpa;
import dev.todo.operator.resources.frontend.FrontendPdb;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedResourcesTest {

  @Test
  void onlyAChildThatNamesTheTodoAppAsOwnerIsTheOperatorsToDelete() {
    TodoApp app = TestApps.withUid(TestApps.full("todo", "ns"));
    Secret generated = JwtSecret.build(app, "a-generated-value");
    assertTrue(ChildMetadata.ownedBy(app, generated), "the generated JWT Secret names its TodoApp");
    Secret users = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("todo-jwt")
        .withNamespace("ns").endMetadata().build();
    assertFalse(ChildMetadata.ownedBy(app, users), "the user's Secret of the same name has no owner");
    TodoApp other = TestApps.withUid(TestApps.full("todo", "ns"));
    other.getMetadata().setUid("another-uid");
    assertFalse(ChildMetadata.ownedBy(other, generated), "a TodoApp of the same name but another uid");
  }

  @Test
  void configMapCarriesTheNonSecretSettings() {
    TodoApp app = TestApps.full("app", "ns");
    Map<String, String> data = AppConfigMap.build(app).getData();
    assertEquals("INFO", data.get("LOG_LEVEL"));
    assertEquals("none", data.get("AI_PROVIDER"), "no spec.ai: the offline assistant");
    assertEquals("http://app-backend:8080", data.get("BACKEND_URL"));
    assertEquals("http://todo.local", data.get("CORS_ORIGINS"));
    assertFalse(data.containsKey("AI_MODEL"));

    AiSpec ai = TestApps.ai("k", "key");
    ai.setBaseUrl("https://api.groq.com/openai/v1");
    app.getSpec().setAi(ai);
    data = AppConfigMap.build(app).getData();
    assertEquals("openai-compatible", data.get("AI_PROVIDER"));
    assertEquals("gpt-4o-mini", data.get("AI_MODEL"));
    assertEquals("https://api.groq.com/openai/v1", data.get("AI_BASE_URL"));
    assertTrue(data.values().stream().noneMatch(v -> v.contains("sk-")), "no secret in the ConfigMap");
    assertEquals("app-config", AppConfigMap.build(app).getMetadata().getName());
  }

  @Test
  void ingressRoutesApiToTheBackendAndTheRestToTheFrontend() {
    TodoApp app = TestApps.full("app", "ns");
    Ingress ingress = AppIngress.build(app);
    assertEquals("app", ingress.getMetadata().getName());
    assertEquals("nginx", ingress.getSpec().getIngressClassName());
    var rule = ingress.getSpec().getRules().get(0);
    assertEquals("todo.local", rule.getHost());
    HTTPIngressPath api = rule.getHttp().getPaths().get(0);
    HTTPIngressPath root = rule.getHttp().getPaths().get(1);
    assertEquals("/api", api.getPath());
    assertEquals("Prefix", api.getPathType());
    assertEquals("app-backend", api.getBackend().getService().getName());
    assertEquals(8080, api.getBackend().getService().getPort().getNumber());
    assertEquals("/", root.getPath());
    assertEquals("app-frontend", root.getBackend().getService().getName());
    assertEquals(3000, root.getBackend().getService().getPort().getNumber());
    assertTrue(ingress.getSpec().getTls().isEmpty());

    IngressSpec spec = app.getSpec().getIngress();
    spec.setTls(new TlsSpec());
    spec.getTls().setSecretName("todo-tls");
    spec.setAnnotations(Map.of("cert-manager.io/cluster-issuer", "letsencrypt"));
    ingress = AppIngress.build(app);
    assertEquals("todo-tls", ingress.getSpec().getTls().get(0).getSecretName());
    assertEquals(List.of("todo.local"), ingress.getSpec().getTls().get(0).getHosts());
    assertEquals("letsencrypt", ingress.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"));
    assertEquals("https://todo.local", AppUrl.of(app));
  }

  @Test
  void urlFallsBackToTheFrontendServiceWithoutAnIngress() {
    assertEquals("http://app-frontend.ns.svc:3000", AppUrl.of(TestApps.minimal("app", "ns")));
    assertFalse(new AppIngress.Wanted().isMet(null, TestApps.minimal("app", "ns"), null));
    assertTrue(new AppIngress.Wanted().isMet(null, TestApps.full("app", "ns"), null));
  }

  @Test
  void generatedJwtSecretIsRandomLongAndOnlyWhenNotBroughtByTheUser() {
    TodoApp app = TestApps.minimal("app", "ns");
    Secret one = JwtSecret.build(app, RandomSecret.alphanumeric(JwtSecret.LENGTH));
    Secret two = JwtSecret.build(app, RandomSecret.alphanumeric(JwtSecret.LENGTH));
    String value = one.getStringData().get("jwt-secret");
    assertTrue(value.length() >= 48);
    assertNotEquals(value, two.getStringData().get("jwt-secret"));
    assertEquals("app-jwt", one.getMetadata().getName());
    assertTrue(new JwtSecret.Wanted().isMet(null, app, null));
    app.getSpec().setAuth(new dev.todo.operator.model.spec.AuthSpec());
    app.getSpec().getAuth().setJwtSecretRef(TestApps.selector("mine", "k"));
    assertFalse(new JwtSecret.Wanted().isMet(null, app, null));
  }

  @Test
  void configHashChangesWithAnyInputAndOnlyThen() {
    Map<String, String> inputs = new HashMap<>(Map.of("configmap/LOG_LEVEL", "INFO", "secret/a/k", "v1"));
    String h = ConfigHash.of(inputs);
    assertEquals(h, ConfigHash.of(new java.util.TreeMap<>(inputs)), "independent of map order");
    inputs.put("secret/a/k", "v2");
    assertNotEquals(h, ConfigHash.of(inputs));
    Map<String, String> missing = new HashMap<>();
    missing.put("secret/a/k", null);
    assertNotEquals(ConfigHash.of(Map.of("secret/a/k", "")), ConfigHash.of(missing), "absent differs from empty");
  }

  @Test
  void hpaOnlyWhenAutoscalingIsOn() {
    TodoApp app = TestApps.full("app", "ns");
    assertTrue(new BackendHpa.Wanted().isMet(null, app, null));
    assertFalse(new FrontendHpa.Wanted().isMet(null, app, null));
    var hpa = BackendHpa.build(app);
    assertEquals("app-backend", hpa.getSpec().getScaleTargetRef().getName());
    assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
    assertEquals(2, hpa.getSpec().getMinReplicas());
    assertEquals(4, hpa.getSpec().getMaxReplicas());
    assertEquals(75, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
    assertEquals("autoscaling/v2", hpa.getApiVersion());
    assertNull(hpa.getSpec().getBehavior(), "no window given: Kubernetes' default behaviour");
  }

  @Test
  void hpaScaleDownWindowIsTheOneGiven() {
    TodoApp app = TestApps.full("app", "ns");
    app.getSpec().getBackend().autoscaling().setScaleDownStabilizationSeconds(30);
    var hpa = BackendHpa.build(app);
    assertEquals(30, hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds());
    assertEquals("{\"stabilizationWindowSeconds\":30}",
        io.fabric8.kubernetes.client.utils.Serialization.asJson(hpa.getSpec().getBehavior().getScaleDown()),
        "only the window is applied: the policies stay Kubernetes' own");
    assertNull(hpa.getSpec().getBehavior().getScaleUp());
  }

  @Test
  void pdbOnlyWhereMoreThanOnePodMayRun() {
    TodoApp app = TestApps.minimal("app", "ns");
    assertFalse(new BackendPdb.Wanted().isMet(null, app, null), "one pod: a budget would block drains");
    assertFalse(new FrontendPdb.Wanted().isMet(null, app, null));
    app = TestApps.full("app", "ns");
    assertTrue(new BackendPdb.Wanted().isMet(null, app, null), "autoscaled up to 4");
    assertTrue(new FrontendPdb.Wanted().isMet(null, app, null), "2 replicas");
    app.getSpec().getFrontend().setPodDisruptionBudget(new DisruptionBudgetSpec());
    app.getSpec().getFrontend().getPodDisruptionBudget().setEnabled(false);
    assertFalse(new FrontendPdb.Wanted().isMet(null, app, null), "switched off");
    var pdb = BackendPdb.build(app);
    assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
    assertEquals("backend", pdb.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/component"));
    assertEquals("policy/v1", pdb.getApiVersion());
    FrontendSpec f = new FrontendSpec();
    f.setAutoscaling(new AutoscalingSpec());
    f.getAutoscaling().setEnabled(true);
    f.getAutoscaling().setMinReplicas(1);
    f.getAutoscaling().setMaxReplicas(1);
    assertFalse(ComponentDisruptionBudget.wanted(f), "an autoscaler capped at one pod is one pod");
  }

  @Test
  void childNamesAndSelectors() {
    TodoApp app = TestApps.minimal("t", "ns");
    assertEquals(List.of("t-backend", "t-frontend", "t-config", "t-jwt", "t", "t-postgres", "t-postgres-credentials",
        "t-backend-data"), List.of(ChildNames.backend(app), ChildNames.frontend(app), ChildNames.config(app),
        ChildNames.jwtSecret(app), ChildNames.ingress(app), ChildNames.postgres(app),
        ChildNames.postgresCredentials(app), ChildNames.backendData(app)));
    assertTrue(ChildMetadata.of(app, "x", Component.BACKEND).getOwnerReferences().isEmpty(),
        "no uid (offline): no owner reference");
    assertEquals(3, Labels.selector(app, Component.FRONTEND).size());
  }
}
