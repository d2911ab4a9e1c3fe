package dev.todo.operator.datasafety;

/**
 * What data safety allows the backend now, handed to its desired state: keep the image it runs until
 * the backup before an upgrade succeeded, and do not create it while the database is being restored.
 *
 * @param heldImage the image to keep running instead of spec.backend.image, or null to roll as asked
 * @param waitForRestore true while spec.database.restoreFrom is being (or failed to be) restored
 */
public record RolloutGate(String heldImage, boolean waitForRestore) {
  public static final RolloutGate OPEN = new RolloutGate(null, false);

  /** The image the backend runs: {@code wanted}, unless the gate holds the running one. */
  public String image(String wanted) {
    return heldImage != null ? heldImage : wanted;
  }
}
