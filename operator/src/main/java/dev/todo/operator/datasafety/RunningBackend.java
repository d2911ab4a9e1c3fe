package dev.todo.operator.datasafety;

/**
 * The backend as it runs: the image the operator last applied to its Deployment, and the TodoApp
 * generation at which the Deployment was given that image. The two together name a rollout that has
 * not happened yet: an image change asked for while this image runs is the same rollout however often
 * the rest of the spec changes meanwhile, and a new one once the backend has run another image.
 *
 * @param image the image last applied
 * @param sinceGeneration the TodoApp generation that first applied it; null on a Deployment that an
 *     operator before this field made
 */
public record RunningBackend(String image, Long sinceGeneration) {
  /** The name of the rollout from this image to {@code wanted}. */
  public String rolloutTo(String wanted) {
    return image + " -> " + wanted + " (running since generation "
        + (sinceGeneration == null ? "unknown" : sinceGeneration) + ")";
  }
}
