package dev.todo.backend.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** OWASP API2/API4: password guessing is throttled per account and per client address, with a 429 saying when to retry. */
@QuarkusTest
@TestProfile(LoginThrottleProfile.class)
class LoginThrottleTest {

    private static final String PASSWORD = "correct horse battery";
    /** A fresh client address per call (TEST-NET-2), so that only the limit under test is spent. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private static Response login(String email, String password, String forwardedFor) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", forwardedFor)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }

    private static void assertRetryAfter(Response r, long atMostSeconds) {
        r.then().statusCode(429).body("error", containsString("try again in"));
        long retry = Long.parseLong(r.header("Retry-After"));
        assertTrue(retry >= 1 && retry <= atMostSeconds, "Retry-After " + retry + " s, period " + atMostSeconds + " s");
        assertTrue(r.jsonPath().getString("error").contains(retry + " s"), r.asString());
    }

    @Test
    void anAccountWithTooManyWrongPasswordsWaitsEvenWithTheRightOneAndOthersDoNot() {
        Api.Account victim = Api.signup("victim");
        for (int i = 0; i < LoginThrottleProfile.PER_ACCOUNT; i++) {
            login(victim.email(), "wrong password " + i, freshAddress()).then().statusCode(401);
        }
        // Every guess from its own address: the per-account limit holds anyway.
        Response locked = login(victim.email(), PASSWORD, freshAddress());
        // 3 attempts per hour come back one every 20 minutes.
        assertRetryAfter(locked, 20 * 60);
        assertTrue(locked.jsonPath().getString("error").contains("this account"), locked.asString());

        Api.Account other = Api.signup("bystander");
        login(other.email(), PASSWORD, freshAddress()).then().statusCode(200);
    }

    @Test
    void unknownAccountsAreThrottledLikeKnownOnesSoThe429RevealsNothing() {
        String nobody = Api.uniqueEmail("nobody");
        for (int i = 0; i < LoginThrottleProfile.PER_ACCOUNT; i++) {
            login(nobody, "guess " + i, freshAddress()).then().statusCode(401);
        }
        assertRetryAfter(login(nobody, "guess", freshAddress()), 20 * 60);
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsFailures() {
        Api.Account a = Api.signup("typo");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < LoginThrottleProfile.PER_ACCOUNT - 1; i++) {
                login(a.email(), "typo " + i, freshAddress()).then().statusCode(401);
            }
            login(a.email(), PASSWORD, freshAddress()).then().statusCode(200);
        }
    }

    @Test
    void oneAddressTryingManyAccountsIsThrottledAndAnotherAddressIsNot() {
        String address = freshAddress();
        for (int i = 0; i < LoginThrottleProfile.PER_ADDRESS; i++) {
            login(Api.uniqueEmail("spray"), "password " + i, address).then().statusCode(401);
        }
        Response r = login(Api.uniqueEmail("spray"), "password", address);
        // 5 attempts per hour come back one every 12 minutes.
        assertRetryAfter(r, 12 * 60);
        assertTrue(r.jsonPath().getString("error").contains("your address"), r.asString());

        Api.Account a = Api.signup("neighbour");
        login(a.email(), PASSWORD, freshAddress()).then().statusCode(200);
    }

    @Test
    void aForgedXForwardedForDoesNotBuyAFreshBudget() {
        // The trusted proxy (the test client) appended the real client, 203.0.113.77; what the client
        // itself sent before it, the leftmost entries, changes every time and must not count.
        String real = "203.0.113.77";
        for (int i = 0; i < LoginThrottleProfile.PER_ADDRESS; i++) {
            login(Api.uniqueEmail("forger"), "password", "10.9.8." + i + ", " + real).then().statusCode(401);
        }
        assertRetryAfter(login(Api.uniqueEmail("forger"), "password", "10.9.8.200, " + real), 12 * 60);
    }
}
