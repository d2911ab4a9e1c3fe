package dev.todo.operator.resources.shared;

import java.security.SecureRandom;

/** Random values for generated Secrets. */
public final class RandomSecret {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private RandomSecret() {
  }

  /** Letters and digits only, so the value is safe inside a URL without escaping. */
  public static String alphanumeric(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
