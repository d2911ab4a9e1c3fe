package dev.todo.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Leader election for when the chart runs several operator replicas (LEADER_ELECTION_ENABLED=true):
 * only the holder of the lease todo-operator-lease in POD_NAMESPACE reconciles. QOSDK looks this
 * bean up in the prod profile; no bean (null) means no election.
 *
 * <p>What happens when the leader stops leading depends on why ({@link #onStopLeading}):
 * <ul>
 * <li>the lease was lost (the API server unreachable past the renew deadline, another holder): the
 * process exits at once, so that no reconcile runs beside the new leader's; the pod restarts as a
 * standby. JOSDK does the same by default, but on the elector's thread, which the shutdown then
 * waits for: the process hung until the liveness probe killed it.</li>
 * <li>the pod is being stopped (SIGTERM: a rolling update, a drain, a scale-down): the controllers
 * are already stopped, so the lease is released and the shutdown goes on. JOSDK's default calls
 * {@code System.exit} from inside the JVM's shutdown, which blocks for good (java-operator-sdk
 * issues 1614 and 3376): the leader's pod then hung until the kubelet's SIGKILL at the end of its
 * grace period (30 s), and the standby waited for the lease to expire after that (15 s).</li>
 * </ul>
 */
public class LeaderElection {
  public static final String LEASE = "todo-operator-lease";
  private static final Logger LOG = Logger.getLogger(LeaderElection.class);

  @Produces
  @Dependent
  @Unremovable
  LeaderElectionConfiguration leaderElection(
      @ConfigProperty(name = "todo.leader-election.enabled", defaultValue = "false") boolean enabled,
      @ConfigProperty(name = "todo.leader-election.namespace") Optional<String> namespace,
      KubernetesClient client) {
    if (!enabled) {
      return null;
    }
    String leaseNamespace = namespace.filter(ns -> !ns.isBlank()).orElse(null);
    String identity = identity(System.getenv("HOSTNAME"));
    Runnable release = () -> release(client,
        leaseNamespace != null ? leaseNamespace : client.getNamespace(), identity);
    // The exit runs on a thread of its own: the JVM's shutdown waits for the elector's thread pool,
    // so System.exit on the elector's own thread hung until the liveness probe killed the pod.
    Runnable exit = () -> new Thread(() -> System.exit(1), "lost-lease-exit").start();
    LeaderCallbacks callbacks = new LeaderCallbacks(() -> { }, onStopLeading(LeaderElection::jvmShuttingDown,
        release, exit), newLeader -> { });
    // exitOnStopLeading false: onStopLeading decides (JOSDK runs it first, then only logs)
    return new LeaderElectionConfiguration(LEASE, leaseNamespace,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, identity, callbacks, false);
  }

  /** The pod's name (HOSTNAME in a pod, as JOSDK's default), or a random one outside a pod. */
  static String identity(String hostname) {
    return hostname == null || hostname.isBlank() ? UUID.randomUUID().toString() : hostname;
  }

  /**
   * What the leader does when it stops leading: on shutdown, release the lease (so the standby
   * takes over at once) and let the shutdown go on; otherwise the lease was lost while this
   * process still runs its controllers, so exit.
   */
  static Runnable onStopLeading(BooleanSupplier shuttingDown, Runnable release, Runnable exit) {
    return () -> {
      if (shuttingDown.getAsBoolean()) {
        try {
          release.run();
          LOG.info("Stopped leading on shutdown; the lease is released for the standby");
        } catch (RuntimeException e) { // the standby then takes over when the lease expires
          LOG.warnf("Stopped leading on shutdown; could not release the lease (%s)", e.getMessage());
        }
      } else {
        LOG.error("Lost the lease while running: exiting, so that no reconcile runs beside the new leader's");
        exit.run();
      }
    };
  }

  /** True once the JVM runs its shutdown hooks (SIGTERM): a hook can no longer be added then. */
  static boolean jvmShuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /**
   * As client-go and fabric8 release a lease on cancel, if it is still ours: an empty holder (which a
   * standby may take at once) and a 1 s lease renewed now. (Empty, not null: the lock writes a JSON
   * merge patch, where null would leave the holder as it was.)
   */
  static void release(KubernetesClient client, String namespace, String identity) {
    LeaseLock lock = new LeaseLock(namespace, LEASE, identity);
    LeaderElectionRecord current = lock.get(client);
    if (current == null || !identity.equals(current.getHolderIdentity())) {
      return;
    }
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    lock.update(client, new LeaderElectionRecord("", Duration.ofSeconds(1), now, now,
        current.getLeaderTransitions()));
  }
}
