package dev.todo.backend.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key: each key may spend {@code attempts} at once and gets them back evenly over
 * {@code periodNanos}. The clock is passed in, so the arithmetic is tested without waiting. At most
 * {@code maxKeys} buckets are kept (the least recently used goes first), so a flood of made-up
 * e-mails or addresses costs a bounded amount of memory.
 */
final class RateLimiter {

    private final double capacity;
    private final double perNano;
    private final Map<String, double[]> buckets; // key -> {tokens, at}

    RateLimiter(int attempts, long periodNanos, int maxKeys) {
        if (attempts < 0 || periodNanos <= 0) {
            throw new IllegalArgumentException("attempts must be >= 0 and the period positive");
        }
        this.capacity = attempts;
        this.perNano = (double) attempts / periodNanos;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    boolean enabled() {
        return capacity > 0;
    }

    /** Spends one attempt; returns 0 when allowed, else the nanoseconds until one is back. */
    synchronized long spend(String key, long now) {
        if (!enabled()) {
            return 0;
        }
        double[] b = refilled(key, now);
        if (b[0] >= 1) {
            b[0] -= 1;
            return 0;
        }
        return wait(b);
    }

    /** The nanoseconds until {@code key} has an attempt left (0: it has one), spending nothing. */
    synchronized long waitFor(String key, long now) {
        if (!enabled()) {
            return 0;
        }
        double[] b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        refill(b, now);
        return b[0] >= 1 ? 0 : wait(b);
    }

    synchronized void forget(String key) {
        buckets.remove(key);
    }

    private double[] refilled(String key, long now) {
        double[] b = buckets.computeIfAbsent(key, k -> new double[] { capacity, now });
        refill(b, now);
        return b;
    }

    private void refill(double[] b, long now) {
        b[0] = Math.min(capacity, b[0] + (now - (long) b[1]) * perNano);
        b[1] = now;
    }

    private long wait(double[] b) {
        return (long) Math.ceil((1 - b[0]) / perNano);
    }
}
