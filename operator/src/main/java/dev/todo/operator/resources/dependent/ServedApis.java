package dev.todo.operator.resources.dependent;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which optional APIs the cluster serves, from the API server's discovery documents. Kubernetes 1.20,
 * for instance, serves neither autoscaling/v2 nor policy/v1: the operator must then neither create
 * those objects nor start informers for them (an informer on an unserved type fails forever).
 * Answers are cached for a while, so discovery costs one GET per API every few minutes, not one per
 * reconcile.
 */
public final class ServedApis {

  /** An API a dependent needs, with the Kubernetes release that started serving it. */
  public record Api(String groupVersion, String kind, String sinceKubernetes) {
    public String notServedMessage() {
      return kind + " " + groupVersion + " is not served by this cluster; Kubernetes >= " + sinceKubernetes
          + " is required";
    }
  }

  public static final Api HPA = new Api("autoscaling/v2", "HorizontalPodAutoscaler", "1.23");
  public static final Api PDB = new Api("policy/v1", "PodDisruptionBudget", "1.21");
  /** Not Kubernetes' own: the Prometheus Operator's CRD (its notServedMessage is not the one to show). */
  public static final Api SERVICE_MONITOR = new Api("monitoring.coreos.com/v1", "ServiceMonitor", null);

  static final Duration TTL = Duration.ofMinutes(5);

  private record Answer(boolean served, Instant at) {
  }

  private static final Map<String, Answer> CACHE = new ConcurrentHashMap<>();
  private static volatile Supplier<Instant> clock = Instant::now;

  private ServedApis() {
  }

  public static boolean isServed(KubernetesClient client, Api api) {
    return isServed(client.getMasterUrl() + "|" + api.groupVersion() + "|" + api.kind(), api,
        a -> discover(client, a));
  }

  /**
   * The cached answer for {@code key}, asking {@code discovery} when there is none or it is older than
   * the TTL. When discovery fails, the last answer stands (or "not served" when there is none), so a
   * flaky API server never starts informers for types it may not serve.
   */
  static boolean isServed(String key, Api api, Predicate<Api> discovery) {
    Instant now = clock.get();
    Answer cached = CACHE.get(key);
    if (cached != null && cached.at().plus(TTL).isAfter(now)) {
      return cached.served();
    }
    try {
      boolean served = discovery.test(api);
      CACHE.put(key, new Answer(served, now));
      return served;
    } catch (RuntimeException e) {
      return cached != null && cached.served();
    }
  }

  static boolean discover(KubernetesClient client, Api api) {
    try {
      APIResourceList resources = client.getApiResources(api.groupVersion());
      return resources != null && resources.getResources() != null
          && resources.getResources().stream().anyMatch(r -> api.kind().equals(r.getKind()));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Tests only: forget cached answers and read time from {@code newClock}. */
  static void reset(Supplier<Instant> newClock) {
    CACHE.clear();
    clock = newClock;
  }

  /** Forget every cached answer (tests that change what a mock server serves). */
  public static void forgetAll() {
    CACHE.clear();
  }
}
