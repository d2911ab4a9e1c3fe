package dev.todo.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the leader does when it stops leading: release on shutdown, exit on a lost lease. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {
  KubernetesClient client;

  @Test
  void onShutdownTheLeaseIsReleasedAndTheProcessDoesNotExit() {
    List<String> done = new ArrayList<>();
    LeaderElection.onStopLeading(() -> true, () -> done.add("release"), () -> done.add("exit")).run();
    assertEquals(List.of("release"), done);
  }

  @Test
  void aLeaseLostWhileRunningExits() {
    List<String> done = new ArrayList<>();
    LeaderElection.onStopLeading(() -> false, () -> done.add("release"), () -> done.add("exit")).run();
    assertEquals(List.of("exit"), done);
  }

  @Test
  void aReleaseThatFailsLetsTheShutdownGoOn() {
    List<String> done = new ArrayList<>();
    LeaderElection.onStopLeading(() -> true, () -> {
      throw new IllegalStateException("the API server is unreachable");
    }, () -> done.add("exit")).run();
    assertEquals(List.of(), done);
  }

  @Test
  void aRunningJvmIsNotShuttingDown() {
    assertFalse(LeaderElection.jvmShuttingDown());
  }

  @Test
  void theIdentityIsThePodsNameOrRandom() {
    assertEquals("todo-operator-abc", LeaderElection.identity("todo-operator-abc"));
    assertFalse(LeaderElection.identity("").isBlank());
    assertFalse(LeaderElection.identity(null).equals(LeaderElection.identity(null)));
  }

  @Test
  void releaseEmptiesTheHolderOfOurLeaseOnly() {
    client.leases().inNamespace("ops").resource(lease("pod-a")).create();
    LeaderElection.release(client, "ops", "pod-b"); // not ours: left alone
    Lease kept = client.leases().inNamespace("ops").withName(LeaderElection.LEASE).get();
    assertEquals("pod-a", kept.getSpec().getHolderIdentity());
    assertEquals(15, kept.getSpec().getLeaseDurationSeconds());

    LeaderElection.release(client, "ops", "pod-a");
    Lease released = client.leases().inNamespace("ops").withName(LeaderElection.LEASE).get();
    assertEquals("", released.getSpec().getHolderIdentity());
    assertEquals(1, released.getSpec().getLeaseDurationSeconds());
    assertEquals(3, released.getSpec().getLeaseTransitions());
  }

  @Test
  void releaseWithoutALeaseDoesNothing() {
    LeaderElection.release(client, "ops", "pod-a");
    assertNull(client.leases().inNamespace("ops").withName(LeaderElection.LEASE).get());
  }

  private static Lease lease(String holder) {
    return new LeaseBuilder().withNewMetadata().withName(LeaderElection.LEASE).endMetadata()
        .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15).withLeaseTransitions(3)
        .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).endSpec().build();
  }
}
