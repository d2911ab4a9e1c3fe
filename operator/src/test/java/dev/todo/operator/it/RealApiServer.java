package dev.todo.operator.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension for the real-API-server tier: the first test class that uses it starts the shared
 * {@link KubeControlPlane}; it is stopped once, after the last test of the run (and by a shutdown
 * hook if the JVM dies first). Tests isolate themselves with {@link #newNamespace(String)}.
 */
public final class RealApiServer implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(KubeControlPlane.class, k -> new Stopper(KubeControlPlane.shared()), Stopper.class);
  }

  /** The control plane of this run. */
  public static KubeControlPlane controlPlane() {
    return KubeControlPlane.shared();
  }

  /**
   * A fresh namespace named after the test, e.g. {@code lifecycle-3f9a1c}, under the "restricted" Pod
   * Security Standard: the API server's own Pod Security admission refuses every pod that breaks it, so
   * each pod a test sees created was admitted under restricted.
   */
  public static String newNamespace(String prefix) {
    return newNamespace(controlPlane().admin(), prefix);
  }

  /** {@link #newNamespace(String)} on the cluster of {@code admin}. */
  public static String newNamespace(KubernetesClient admin, String prefix) {
    String name = (prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-"
        + UUID.randomUUID().toString().substring(0, 6));
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels(PSA_ENFORCE, "restricted").addToLabels(PSA_ENFORCE + "-version", "latest").endMetadata()
        .build()).create();
    return name;
  }

  public static final String PSA_ENFORCE = "pod-security.kubernetes.io/enforce";

  @SuppressWarnings("deprecation") // CloseableResource: closed at the end of the run on JUnit 5.x
  private record Stopper(KubeControlPlane plane)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      plane.close();
    }
  }
}
