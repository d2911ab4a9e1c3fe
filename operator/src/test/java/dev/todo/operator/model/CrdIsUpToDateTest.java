package dev.todo.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed CRD (crds/, copied into the Helm chart) is exactly what the Java model generates. */
class CrdIsUpToDateTest {

  @Test
  void committedCrdMatchesTheModel() throws IOException {
    String generated = CrdFile.generate();
    Path committed = CrdFile.committed();
    if (Boolean.getBoolean("todo.crd.update")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, generated);
    }
    assertTrue(Files.exists(committed), committed + " is missing; create it with:\n"
        + "  ./mvnw -pl operator test -Dtest=CrdIsUpToDateTest -Dtodo.crd.update=true");
    assertEquals(generated, Files.readString(committed), committed + " differs from the CRD the Java model"
        + " generates. Refresh it (and copy it into the Helm chart) with:\n"
        + "  ./mvnw -pl operator test -Dtest=CrdIsUpToDateTest -Dtodo.crd.update=true");
  }

  @Test
  void crdTeachesAndValidates() throws IOException {
    CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(CrdFile.committed()),
        CustomResourceDefinition.class);
    assertEquals("todo.dev", crd.getSpec().getGroup());
    assertEquals("Namespaced", crd.getSpec().getScope());
    assertEquals(List.of("todo"), crd.getSpec().getNames().getShortNames());
    var version = crd.getSpec().getVersions().get(0);
    assertEquals("v1alpha1", version.getName());
    assertEquals(List.of("Phase", "Backend", "Frontend", "URL", "Age"),
        version.getAdditionalPrinterColumns().stream().map(c -> c.getName()).toList());
    assertTrue(version.getSubresources().getStatus() != null, "status is a subresource");

    JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    assertDescribed("spec", spec);
    JSONSchemaProps autoscaling = spec.getProperties().get("backend").getProperties().get("autoscaling");
    assertTrue(autoscaling.getXKubernetesValidations().get(0).getRule().contains("self.minReplicas <= self.maxReplicas"));
    assertTrue(spec.getProperties().get("database").getXKubernetesValidations().get(0).getRule().contains("== 1"),
        "exactly one database mode");
    assertTrue(spec.getXKubernetesValidations().get(0).getMessage().contains("embedded database"));
    assertEquals("IfNotPresent", Serialization.asJson(spec.getProperties().get("backend").getProperties()
        .get("imagePullPolicy").getDefault()).replace("\"", ""));
    assertEquals(100.0, spec.getProperties().get("backend").getProperties().get("replicas").getMaximum());
  }

  /** Every field of our own sections has a description (kubectl explain teaches). */
  private static void assertDescribed(String path, JSONSchemaProps props) {
    if (props.getProperties() == null) {
      return;
    }
    for (Map.Entry<String, JSONSchemaProps> e : props.getProperties().entrySet()) {
      String child = path + "." + e.getKey();
      boolean kubernetesType = List.of("env", "resources", "secretKeyRef", "apiKeySecretRef", "jwtSecretRef",
          "imagePullSecrets", "tolerations", "affinity", "topologySpreadConstraints").contains(e.getKey());
      if (!kubernetesType) {
        assertTrue(e.getValue().getDescription() != null && !e.getValue().getDescription().isBlank(),
            child + " has no description");
        assertDescribed(child, e.getValue());
      } else {
        assertTrue(e.getValue().getDescription() != null, child + " has no description");
      }
    }
  }
}
