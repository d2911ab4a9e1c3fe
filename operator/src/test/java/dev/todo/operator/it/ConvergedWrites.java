package dev.todo.operator.it;

import java.time.Duration;
import java.util.List;

/** Waiting for the operator to stop writing: the audit log shows no write of its own for a while. */
final class ConvergedWrites {
  private ConvergedWrites() {
  }

  /**
   * Returns once {@code quiet} has passed with no write from the operator in {@code namespace}
   * (null: anywhere); fails after {@code max} with the writes it kept making.
   */
  static void awaitQuiet(AuditLog audit, String namespace, Duration quiet, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    List<AuditLog.Event> last = List.of();
    while (System.nanoTime() < deadline) {
      long mark = audit.mark();
      KubeControlPlane.sleep(quiet.toMillis());
      last = audit.writesBy(KubeControlPlane.OPERATOR_USER, mark).stream()
          .filter(e -> namespace == null || namespace.equals(e.namespace())).toList();
      if (last.isEmpty()) {
        return;
      }
    }
    throw new AssertionError("The operator kept writing for " + max + "; last " + quiet + ": "
        + AuditLog.histogram(last));
  }
}
