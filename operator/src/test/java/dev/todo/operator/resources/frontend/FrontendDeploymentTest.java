package dev.todo.operator.resources.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.ServiceSpec;
import dev.todo.operator.model.spec.ServiceType;
import dev.todo.operator.resources.shared.AppDeployment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FrontendDeploymentTest {

  @Test
  void followsTheRuntimeContract() {
    Deployment d = FrontendDeployment.build(TestApps.withUid(TestApps.full("app", "ns")),
        new AppDeployment.Inputs("h", true));
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertEquals("3000", env.get("PORT"));
    assertEquals("0.0.0.0", env.get("HOSTNAME"));
    assertEquals("app-config", c.getEnvFrom().get(0).getConfigMapRef().getName(), "BACKEND_URL comes from the ConfigMap");
    assertEquals(3000, c.getPorts().get(0).getContainerPort());
    for (var probe : new io.fabric8.kubernetes.api.model.Probe[] {c.getStartupProbe(), c.getLivenessProbe(),
        c.getReadinessProbe()}) {
      assertEquals("/healthz", probe.getHttpGet().getPath());
    }
    assertEquals(Map.of("tmp", "/tmp"),
        c.getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getName, VolumeMount::getMountPath)));
    assertTrue(d.getSpec().getTemplate().getSpec().getVolumes().stream().allMatch(v -> v.getEmptyDir() != null));
    assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(10001L, d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser());
    assertEquals(2, d.getSpec().getReplicas());
    assertEquals("RollingUpdate", d.getSpec().getStrategy().getType());
    assertEquals(15L, c.getLifecycle().getPreStop().getSleep().getSeconds(),
        "a stopping pod keeps serving until the routes to it are gone");
  }

  @Test
  void serviceTypeComesFromTheSpec_backendStaysInternal() {
    TodoApp app = TestApps.full("app", "ns");
    assertEquals("ClusterIP", FrontendService.build(app).getSpec().getType());
    app.getSpec().setService(new ServiceSpec());
    app.getSpec().getService().setType(ServiceType.NodePort);
    assertEquals("NodePort", FrontendService.build(app).getSpec().getType());
    assertEquals("ClusterIP", dev.todo.operator.resources.backend.BackendService.build(app).getSpec().getType());
    assertEquals(3000, FrontendService.build(app).getSpec().getPorts().get(0).getPort());
    assertEquals("frontend", FrontendService.build(app).getSpec().getSelector().get("app.kubernetes.io/component"));
  }
}
