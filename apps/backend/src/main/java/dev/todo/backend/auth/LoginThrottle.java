package dev.todo.backend.auth;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.todo.backend.web.ApiException;
import io.quarkus.runtime.Startup;

/**
 * Sign-in attempts, throttled (OWASP API2 and API4: password guessing, and bcrypt's CPU spent on it).
 * Per client address every attempt counts; per account the failed ones do (a success clears them),
 * and once they are spent even the right password waits, or a guesser would learn it from the one
 * answer that is not a 429. Unknown e-mails are counted like known ones, so the 429 says nothing
 * about which accounts exist. Each replica counts on its own: with N replicas a guesser gets up to
 * N times the budget, still a few dozen tries an hour against bcrypt.
 */
@Startup // a bad limit stops the start, not the first sign-in
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    @ConfigProperty(name = "todo.login.limit.account.attempts")
    int accountAttempts;
    @ConfigProperty(name = "todo.login.limit.account.period")
    Duration accountPeriod;
    @ConfigProperty(name = "todo.login.limit.address.attempts")
    int addressAttempts;
    @ConfigProperty(name = "todo.login.limit.address.period")
    Duration addressPeriod;

    private RateLimiter perAccount;
    private RateLimiter perAddress;

    @PostConstruct
    void init() {
        perAccount = limiter("LOGIN_LIMIT_PER_ACCOUNT", accountAttempts, accountPeriod);
        perAddress = limiter("LOGIN_LIMIT_PER_ADDRESS", addressAttempts, addressPeriod);
    }

    private static RateLimiter limiter(String variable, int attempts, Duration period) {
        if (attempts < 0 || period.isNegative() || period.isZero()) {
            throw new IllegalStateException(variable + " must be 0 (off) or more, and " + variable
                    + "_PERIOD a positive duration such as 15m; got " + attempts + " per " + period);
        }
        return new RateLimiter(attempts, period.toNanos(), MAX_KEYS);
    }

    /** Before the password is checked: refused with a 429 when this address or this account has no attempt left. */
    public void attempt(String account, String address) {
        long now = System.nanoTime();
        long wait = perAddress.spend(address, now);
        if (wait > 0) {
            throw ApiException.tooManyRequests("Too many sign-in attempts from your address", wait);
        }
        wait = perAccount.waitFor(account, now);
        if (wait > 0) {
            throw ApiException.tooManyRequests("Too many failed sign-in attempts for this account", wait);
        }
    }

    public void failed(String account) {
        perAccount.spend(account, System.nanoTime());
    }

    public void succeeded(String account) {
        perAccount.forget(account);
    }
}
