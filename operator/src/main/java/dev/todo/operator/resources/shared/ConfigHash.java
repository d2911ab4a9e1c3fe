package dev.todo.operator.resources.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod-template annotation that rolls a Deployment when its configuration changes: a SHA-256
 * over the ConfigMap's data and the values of the Secret keys the pods read. Kubernetes does not
 * restart pods when an env source changes; a changed pod template does.
 */
public final class ConfigHash {
  public static final String ANNOTATION = "todo.dev/config-hash";

  private ConfigHash() {
  }

  /**
   * @param inputs named inputs (e.g. "configmap/KEY", "secret/name/key") to their values; a missing
   *     Secret or key is passed as null and hashes differently from any value.
   */
  public static String of(Map<String, String> inputs) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : new TreeMap<>(inputs).entrySet()) {
        digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(e.getValue() == null ? new byte[] {1} : ("=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
