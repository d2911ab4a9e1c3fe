package dev.todo.operator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test tier's own tools, proven against the real control plane before any operator test relies
 * on them: the test kubelet makes a Deployment Available through the real controllers, the audit log
 * tells whose writes are whose, and the controller manager collects garbage.
 */
class ControlPlaneHarnessIT {
  @RegisterExtension
  static final TestCluster cluster = TestCluster.namespace("harness");
  static KubernetesClient operatorIdentity;

  @BeforeAll
  static void setUp() {
    operatorIdentity = KubeControlPlane.clientFor(cluster.plane().operatorKubeconfig());
  }

  @AfterAll
  static void tearDown() {
    operatorIdentity.close();
  }

  @Test
  void testKubeletMakesADeploymentAvailableThroughTheRealControllers() {
    Deployment d = new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace(cluster.ns()).endMetadata()
        .withNewSpec().withReplicas(2)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().withSecurityContext(restrictedPod())
        .addNewContainer().withName("web").withImage("nginx:1.25").withSecurityContext(restrictedContainer())
        .endContainer()
        .addNewInitContainer().withName("init").withImage("busybox").withSecurityContext(restrictedContainer())
        .endInitContainer()
        .endSpec().endTemplate().endSpec().build();
    cluster.admin().apps().deployments().resource(d).create();
    // Without a kubelet the controller manager creates the pods, and they stay Pending.
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cluster.admin().pods().inNamespace(cluster.ns())
        .list()
        .getItems().size() == 2);
    assertNull(cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("web").get().getStatus()
        .getReadyReplicas());

    try (TestKubelet kubelet = TestKubelet.start(cluster.admin(), cluster.ns())) {
      Deployment ready = cluster.admin().apps().deployments().inNamespace(cluster.ns()).withName("web")
          .waitUntilCondition(
          x -> x.getStatus() != null && Integer.valueOf(2).equals(x.getStatus().getReadyReplicas())
              && Integer.valueOf(2).equals(x.getStatus().getAvailableReplicas()), 60, TimeUnit.SECONDS);
      assertTrue(ready.getStatus().getConditions().stream()
          .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus())), "Available=True");
      // The counter moves when the kubelet's status write returns, which can be after the Deployment
      // controller already saw the pods ready.
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(2, kubelet.podsStarted()));
      assertTrue(cluster.admin().pods().inNamespace(cluster.ns()).list().getItems().stream()
          .allMatch(p -> TestKubelet.isReady(p) && p.getStatus().getContainerStatuses().get(0).getReady()));
    }
  }

  @Test
  void podSecurityAdmissionRefusesAPodThatBreaksTheRestrictedStandard() {
    // The test namespaces enforce "restricted": a pod that may run as root is refused by the API server
    // itself, so the pods that the operator's workloads do get (in other tests) were admitted.
    assertEquals("restricted", cluster.admin().namespaces().withName(cluster.ns()).get().getMetadata().getLabels()
        .get(RealApiServer.PSA_ENFORCE));
    io.fabric8.kubernetes.api.model.Pod root = new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata().withName("root").withNamespace(cluster.ns()).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
    io.fabric8.kubernetes.client.KubernetesClientException refused = org.junit.jupiter.api.Assertions.assertThrows(
        io.fabric8.kubernetes.client.KubernetesClientException.class, () -> cluster.admin().pods().resource(root)
            .create());
    assertEquals(403, refused.getCode(), refused.getMessage());
    assertTrue(refused.getMessage().contains("violates PodSecurity \"restricted:latest\""), refused.getMessage());
  }

  static io.fabric8.kubernetes.api.model.PodSecurityContext restrictedPod() {
    return new io.fabric8.kubernetes.api.model.PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(10001L)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
  }

  static io.fabric8.kubernetes.api.model.SecurityContext restrictedContainer() {
    return new io.fabric8.kubernetes.api.model.SecurityContextBuilder().withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities().build();
  }

  @Test
  void auditLogAttributesEachWriteToItsUser() {
    AuditLog audit = RealApiServer.controlPlane().auditLog();
    long mark = audit.mark();
    operatorIdentity.configMaps().inNamespace(cluster.ns()).resource(configMap("by-operator")).create();
    operatorIdentity.configMaps().inNamespace(cluster.ns()).withName("by-operator")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("k", "v2").build());
    cluster.admin().configMaps().inNamespace(cluster.ns()).resource(configMap("by-admin")).create();
    operatorIdentity.configMaps().inNamespace(cluster.ns()).withName("by-operator").get(); // reads are not writes

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertEquals(java.util.List.of("create configmaps/by-operator", "patch configmaps/by-operator"),
          audit.writesBy(KubeControlPlane.OPERATOR_USER, mark).stream()
              .map(e -> e.verb() + " " + e.resource() + "/" + e.name()).toList());
      assertTrue(audit.writesBy("admin", mark).stream().anyMatch(e -> "by-admin".equals(e.name())));
    });
  }

  @Test
  void controllerManagerCollectsTheGarbageOfADeletedOwner() {
    ConfigMap owner = cluster.admin().configMaps().inNamespace(cluster.ns()).resource(configMap("owner")).create();
    ConfigMap child = configMap("child");
    child.getMetadata().setOwnerReferences(java.util.List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
        .withApiVersion("v1").withKind("ConfigMap").withName("owner").withUid(owner.getMetadata().getUid())
        .build()));
    cluster.admin().configMaps().inNamespace(cluster.ns()).resource(child).create();
    cluster.admin().configMaps().inNamespace(cluster.ns()).withName("owner").delete();
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> cluster.admin().configMaps().inNamespace(cluster.ns()).withName("child").get() == null);
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(cluster.ns()).endMetadata()
        .addToData("k", "v").build();
  }
}
