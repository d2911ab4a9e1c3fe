package dev.todo.backend.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small sign-in budgets, and the test client (127.0.0.1) as a trusted proxy, so each test can be its own client address. */
public class LoginThrottleProfile implements QuarkusTestProfile {
    static final int PER_ACCOUNT = 3;
    static final int PER_ADDRESS = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "todo.login.limit.account.attempts", String.valueOf(PER_ACCOUNT),
                "todo.login.limit.account.period", "1h",
                "todo.login.limit.address.attempts", String.valueOf(PER_ADDRESS),
                "todo.login.limit.address.period", "1h",
                "todo.http.trusted-proxies", "127.0.0.1,::1");
    }
}
