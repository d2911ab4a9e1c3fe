package dev.todo.operator;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/**
 * Makes the mock API server's discovery say it serves autoscaling/v2 and policy/v1, like any
 * Kubernetes >= 1.23 (the CRUD mock answers objects, not discovery).
 */
public class MockDiscovery implements Consumer<KubernetesServer> {
  @Override
  public void accept(KubernetesServer server) {
    serveCurrentApis(server.getKubernetesMockServer());
  }

  /** Discovery of a Kubernetes >= 1.23: autoscaling/v2 and policy/v1 are served. */
  public static void serveCurrentApis(KubernetesMockServer server) {
    serve(server, "autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler");
    serve(server, "policy/v1", "poddisruptionbudgets", "PodDisruptionBudget");
  }

  public static void serve(KubernetesServer server, String groupVersion, String plural, String kind) {
    serve(server.getKubernetesMockServer(), groupVersion, plural, kind);
  }

  static void serve(KubernetesMockServer server, String groupVersion, String plural, String kind) {
    server.expect().get().withPath("/apis/" + groupVersion)
        .andReturn(200, new APIResourceListBuilder()
            .withGroupVersion(groupVersion)
            .addToResources(new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(true)
                .withVerbs("create", "delete", "get", "list", "patch", "update", "watch").build())
            .build())
        .always();
  }
}
