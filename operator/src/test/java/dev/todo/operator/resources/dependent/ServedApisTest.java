package dev.todo.operator.resources.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServedApisTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void reset() {
    ServedApis.reset(now::get);
  }

  @AfterEach
  void restore() {
    ServedApis.reset(Instant::now);
  }

  @Test
  void discoveryIsAskedOncePerTtl() {
    assertTrue(ServedApis.isServed("k", ServedApis.HPA, api -> calls.incrementAndGet() > 0));
    assertTrue(ServedApis.isServed("k", ServedApis.HPA, api -> calls.incrementAndGet() > 0));
    assertEquals(1, calls.get(), "cached");
    now.set(now.get().plus(ServedApis.TTL).plusSeconds(1));
    assertFalse(ServedApis.isServed("k", ServedApis.HPA, api -> calls.incrementAndGet() < 0));
    assertEquals(2, calls.get(), "asked again after the TTL; an upgrade or downgrade is noticed");
  }

  @Test
  void failedDiscoveryKeepsTheLastAnswer_orSaysNotServed() {
    assertFalse(ServedApis.isServed("a", ServedApis.PDB, api -> {
      throw new IllegalStateException("API server unreachable");
    }), "unknown: do not start an informer that may fail forever");
    assertTrue(ServedApis.isServed("b", ServedApis.PDB, api -> true));
    now.set(now.get().plus(ServedApis.TTL).plusSeconds(1));
    assertTrue(ServedApis.isServed("b", ServedApis.PDB, api -> {
      throw new IllegalStateException("API server unreachable");
    }));
  }

  @Test
  void messagesNameTheApiAndTheKubernetesVersion() {
    assertEquals("HorizontalPodAutoscaler autoscaling/v2 is not served by this cluster; Kubernetes >= 1.23 is required",
        ServedApis.HPA.notServedMessage());
    assertEquals("PodDisruptionBudget policy/v1 is not served by this cluster; Kubernetes >= 1.21 is required",
        ServedApis.PDB.notServedMessage());
  }
}
