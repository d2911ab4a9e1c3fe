package dev.todo.operator.resources.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.BackendSpec;
import dev.todo.operator.model.spec.AutoscalingSpec;
import dev.todo.operator.resources.shared.AppDeployment;
import dev.todo.operator.resources.shared.ConfigHash;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BackendDeploymentTest {
  static final AppDeployment.Inputs INPUTS = new AppDeployment.Inputs("abc123", true);

  static Deployment build(TodoApp app) {
    return BackendDeployment.build(TestApps.withUid(app), INPUTS);
  }

  static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Map<String, EnvVar> env(Deployment d) {
    return container(d).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b));
  }

  @Test
  void probesFollowTheRuntimeContract() {
    Container c = container(build(TestApps.full("app", "ns")));
    assertEquals("/q/health/started", c.getStartupProbe().getHttpGet().getPath());
    assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath());
    assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath());
    assertEquals(8080, c.getReadinessProbe().getHttpGet().getPort().getIntVal());
    assertEquals(8080, c.getPorts().get(0).getContainerPort());
    assertEquals("8080", env(build(TestApps.full("app", "ns"))).get("PORT").getValue());
  }

  @Test
  void aStoppingPodKeepsServingUntilTheRoutesToItAreGone() {
    Container c = container(build(TestApps.full("app", "ns")));
    assertEquals(15L, c.getLifecycle().getPreStop().getSleep().getSeconds(), "preStop sleep before SIGTERM");
    assertEquals(null, c.getLifecycle().getPreStop().getExec(), "no shell needed in the image");
  }

  @Test
  void podIsRestricted() {
    Deployment d = build(TestApps.full("app", "ns"));
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals(10001L, pod.getSecurityContext().getRunAsUser());
    assertEquals(10001L, pod.getSecurityContext().getRunAsGroup());
    assertEquals(10001L, pod.getSecurityContext().getFsGroup());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
    var sc = container(d).getSecurityContext();
    assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem());
    assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), sc.getCapabilities().getDrop());
    assertEquals("/tmp", container(d).getVolumeMounts().get(0).getMountPath());
    assertTrue(pod.getVolumes().get(0).getEmptyDir() != null, "/tmp is an emptyDir");
    var term = pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0);
    assertEquals("kubernetes.io/hostname", term.getPodAffinityTerm().getTopologyKey());
    assertEquals("backend", term.getPodAffinityTerm().getLabelSelector().getMatchLabels().get("app.kubernetes.io/component"));
  }

  @Test
  void managedDatabaseUrlComesFromTheGeneratedCredentials() {
    Map<String, EnvVar> env = env(build(TestApps.full("app", "ns")));
    assertEquals("app-postgres-credentials", env.get("DATABASE_URL").getValueFrom().getSecretKeyRef().getName());
    assertEquals("url", env.get("DATABASE_URL").getValueFrom().getSecretKeyRef().getKey());
    assertEquals("app-jwt", env.get("JWT_SECRET").getValueFrom().getSecretKeyRef().getName());
    assertEquals("jwt-secret", env.get("JWT_SECRET").getValueFrom().getSecretKeyRef().getKey());
    assertFalse(env.containsKey("DATA_DIR"));
    assertFalse(env.containsKey("AI_API_KEY"), "no AI key without spec.ai");
  }

  @Test
  void externalDatabaseAndUserSecretsAreReferencedNeverCopied() {
    TodoApp app = TestApps.external("app", "ns", "neon", "DATABASE_URL");
    app.getSpec().setAi(TestApps.ai("openai", "api-key"));
    app.getSpec().setAuth(new dev.todo.operator.model.spec.AuthSpec());
    app.getSpec().getAuth().setJwtSecretRef(TestApps.selector("my-jwt", "key"));
    Map<String, EnvVar> env = env(build(app));
    assertEquals("neon", env.get("DATABASE_URL").getValueFrom().getSecretKeyRef().getName());
    assertEquals("DATABASE_URL", env.get("DATABASE_URL").getValueFrom().getSecretKeyRef().getKey());
    assertEquals("openai", env.get("AI_API_KEY").getValueFrom().getSecretKeyRef().getName());
    assertEquals("my-jwt", env.get("JWT_SECRET").getValueFrom().getSecretKeyRef().getName());
    assertTrue(env.values().stream().noneMatch(e -> e.getValue() != null && e.getValue().contains("postgresql")));
  }

  @Test
  void embeddedDatabaseMountsItsVolumeAndRecreates() {
    Deployment d = build(TestApps.minimal("app", "ns"));
    assertEquals("/data", env(d).get("DATA_DIR").getValue());
    assertFalse(env(d).containsKey("DATABASE_URL"));
    assertEquals("Recreate", d.getSpec().getStrategy().getType());
    assertNull(d.getSpec().getStrategy().getRollingUpdate());
    var data = d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> "data".equals(v.getName()))
        .findFirst().orElseThrow();
    assertEquals("app-backend-data", data.getPersistentVolumeClaim().getClaimName());
    assertTrue(container(d).getVolumeMounts().stream().anyMatch(m -> "/data".equals(m.getMountPath())));
  }

  @Test
  void otherwiseRollsOneExtraPodAtATimeWithoutLosingCapacity() {
    Deployment d = build(TestApps.full("app", "ns"));
    assertEquals("RollingUpdate", d.getSpec().getStrategy().getType());
    assertEquals(1, d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal());
    assertEquals(0, d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
  }

  @Test
  void replicasAreLeftToAnActiveAutoscaler() {
    TodoApp app = TestApps.full("app", "ns"); // backend autoscaling 2..4
    assertNull(BackendDeployment.build(TestApps.withUid(app), new AppDeployment.Inputs("h", true)).getSpec().getReplicas());
    // Without autoscaling/v2 on the cluster, run the minimum instead of a single pod.
    assertEquals(2, BackendDeployment.build(app, new AppDeployment.Inputs("h", false)).getSpec().getReplicas());
    app.getSpec().getBackend().setAutoscaling(new AutoscalingSpec());
    app.getSpec().getBackend().setReplicas(3);
    assertEquals(3, BackendDeployment.build(app, INPUTS).getSpec().getReplicas());
  }

  @Test
  void labelsOwnerHashAndUserSettings() {
    TodoApp app = TestApps.full("shop", "ns");
    BackendSpec backend = app.getSpec().getBackend();
    backend.setEnv(List.of(new EnvVar("FEATURE_X", "on", null)));
    app.getSpec().setImagePullSecrets(List.of(new LocalObjectReference("regcred")));
    Deployment d = build(app);
    assertEquals("shop-backend", d.getMetadata().getName());
    assertEquals("ns", d.getMetadata().getNamespace());
    assertEquals(Map.of("app.kubernetes.io/name", "todo", "app.kubernetes.io/instance", "shop",
        "app.kubernetes.io/component", "backend", "app.kubernetes.io/part-of", "todo-app",
        "app.kubernetes.io/managed-by", "todo-operator"), d.getMetadata().getLabels());
    assertEquals("uid-shop", d.getMetadata().getOwnerReferences().get(0).getUid());
    assertEquals("abc123", d.getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION));
    List<EnvVar> env = container(d).getEnv();
    assertEquals("FEATURE_X", env.get(env.size() - 1).getName(), "user env comes last");
    assertEquals("shop-config", container(d).getEnvFrom().get(0).getConfigMapRef().getName());
    assertEquals("regcred", d.getSpec().getTemplate().getSpec().getImagePullSecrets().get(0).getName());
    assertEquals("todo-backend:dev", container(d).getImage());
    assertEquals(d.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/instance"), "shop");
  }

  @Test
  void defaultResourcesUnlessGiven() {
    Container c = container(build(TestApps.minimal("app", "ns")));
    assertEquals(new Quantity("256Mi"), c.getResources().getRequests().get("memory"));
    assertEquals(new Quantity("512Mi"), c.getResources().getLimits().get("memory"));
    TodoApp app = TestApps.minimal("app", "ns");
    app.getSpec().setBackend(new BackendSpec());
    app.getSpec().getBackend().setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
        .addToLimits("memory", new Quantity("1Gi")).build());
    assertEquals(new Quantity("1Gi"), container(build(app)).getResources().getLimits().get("memory"));
    assertEquals("todo-backend:0.1.0", container(build(TestApps.minimal("x", "ns"))).getImage());
  }

  @Test
  void theDeploymentRecordsTheImageItWasGiven_soAnUpgradeIsToldFromAHandEdit() {
    TodoApp app = TestApps.full("app", "ns");
    var inputs = new dev.todo.operator.resources.shared.AppDeployment.Inputs("h", false);
    var deployment = BackendDeployment.build(app, inputs);
    assertEquals("todo-backend:dev", deployment.getMetadata().getAnnotations().get(BackendDeployment.IMAGE_ANNOTATION));
    assertEquals("todo-backend:dev", BackendDeployment.appliedImage(deployment));
    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil/backdoor:1");
    assertEquals("todo-backend:dev", BackendDeployment.appliedImage(deployment), "a hand edit is no upgrade");
    deployment.getMetadata().setAnnotations(null);
    assertEquals("evil/backdoor:1", BackendDeployment.appliedImage(deployment), "older Deployments: the container's");
  }
}
