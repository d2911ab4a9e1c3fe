package dev.todo.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void aKeySpendsItsAttemptsAtOnceAndGetsOneBackPerPeriodShare() {
        RateLimiter limiter = new RateLimiter(3, 3 * MINUTE, 100);
        long t = 1_000;
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.spend("a", t));
        }
        long wait = limiter.spend("a", t);
        assertEquals(MINUTE, wait, "one attempt of three comes back after a third of the period");
        assertEquals(0, limiter.spend("b", t), "other keys are untouched");
        assertTrue(limiter.spend("a", t + wait - 1_000_000) > 0, "not yet, a millisecond before");
        assertEquals(0, limiter.spend("a", t + wait), "again at the time it said");
        assertTrue(limiter.spend("a", t + wait) > 0, "and only one");
    }

    @Test
    void waitingSpendsNothingAndForgettingRestoresTheBudget() {
        RateLimiter limiter = new RateLimiter(2, MINUTE, 100);
        assertEquals(0, limiter.waitFor("a", 0));
        limiter.spend("a", 0);
        limiter.spend("a", 0);
        long wait = limiter.waitFor("a", 0);
        assertEquals(MINUTE / 2, wait);
        assertEquals(wait, limiter.waitFor("a", 0), "asking twice spends nothing");
        limiter.forget("a");
        assertEquals(0, limiter.waitFor("a", 0));
    }

    @Test
    void theBudgetNeverGrowsPastItsSizeWhileIdle() {
        RateLimiter limiter = new RateLimiter(2, MINUTE, 100);
        limiter.spend("a", 0);
        long later = 100 * MINUTE;
        assertEquals(0, limiter.spend("a", later));
        assertEquals(0, limiter.spend("a", later));
        assertTrue(limiter.spend("a", later) > 0);
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlyUsedKeys() {
        RateLimiter limiter = new RateLimiter(1, MINUTE, 2);
        limiter.spend("a", 0);
        limiter.spend("b", 0);
        limiter.spend("c", 0); // "a" is dropped, and with it its spent attempt
        assertEquals(0, limiter.spend("a", 0));
        assertTrue(limiter.spend("c", 0) > 0);
    }

    @Test
    void zeroAttemptsTurnsTheLimitOff() {
        RateLimiter limiter = new RateLimiter(0, MINUTE, 2);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, limiter.spend("a", 0));
        }
    }
}
