package dev.todo.operator.reconciler;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election for when the chart runs several operator replicas (LEADER_ELECTION_ENABLED=true):
 * only the holder of the lease todo-operator-lease in POD_NAMESPACE reconciles. QOSDK looks this
 * bean up in the prod profile; no bean (null) means no election.
 */
public class LeaderElection {
  public static final String LEASE = "todo-operator-lease";

  @Produces
  @Dependent
  @Unremovable
  LeaderElectionConfiguration leaderElection(
      @ConfigProperty(name = "todo.leader-election.enabled", defaultValue = "false") boolean enabled,
      @ConfigProperty(name = "todo.leader-election.namespace") Optional<String> namespace) {
    if (!enabled) {
      return null;
    }
    return namespace.filter(ns -> !ns.isBlank())
        .map(ns -> new LeaderElectionConfiguration(LEASE, ns))
        .orElseGet(() -> new LeaderElectionConfiguration(LEASE));
  }
}
