package dev.todo.backend.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.todo.backend.auth.TokenService;
import dev.todo.backend.auth.User;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class AuthApiTest {

    @Test
    void signupReturnsATokenTheUserAndAnHttpOnlySessionCookie() {
        String email = Api.uniqueEmail("Ann");
        Response r = given().contentType(ContentType.JSON)
                .body(Map.of("email", "  " + email.toUpperCase() + " ", "password", "password1"))
                .post("/api/auth/signup");
        r.then().statusCode(201)
                .body("token", notNullValue())
                .body("user.email", equalTo(email.toLowerCase()))
                .body("user.displayName", equalTo(email.substring(0, email.indexOf('@')).toLowerCase()))
                .body("user.id", notNullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie.startsWith("todo_session=" + r.jsonPath().getString("token")), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=lax"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
    }

    @Test
    void theCookieIsSecureBehindAnHttpsIngressOnly() {
        Api.Account a = Api.signup("secure");
        Map<String, String> body = Map.of("email", a.email(), "password", "correct horse battery");
        String plain = given().contentType(ContentType.JSON).body(body).post("/api/auth/login").header("Set-Cookie");
        assertTrue(!plain.contains("Secure"), plain);
        String https = given().contentType(ContentType.JSON).header("X-Forwarded-Proto", "https").body(body)
                .post("/api/auth/login").header("Set-Cookie");
        assertTrue(https.contains("Secure"), https);
    }

    @Test
    void aSecondSignupWithTheSameEmailIsAConflict() {
        Api.Account a = Api.signup("dup");
        given().contentType(ContentType.JSON).body(Map.of("email", a.email(), "password", "another password"))
                .post("/api/auth/signup")
                .then().statusCode(409).body("field", equalTo("email")).body("error", containsString("already"));
    }

    @Test
    void signupValidatesEachFieldByName() {
        given().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("x"), "password", "short"))
                .post("/api/auth/signup").then().statusCode(400).body("field", equalTo("password"));
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-email", "password", "long enough"))
                .post("/api/auth/signup").then().statusCode(400).body("field", equalTo("email"));
        given().contentType(ContentType.JSON).body(Map.of("password", "long enough"))
                .post("/api/auth/signup").then().statusCode(400).body("field", equalTo("email"));
        // 40 accented letters are 80 bytes: bcrypt would silently ignore the last 8.
        given().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("x"), "password", "é".repeat(40)))
                .post("/api/auth/signup").then().statusCode(400).body("field", equalTo("password"));
        // No display name given and a long local part: the default name is cut, not refused.
        String longLocal = "l".repeat(250) + System.nanoTime() + "@example.com";
        given().contentType(ContentType.JSON).body(Map.of("email", longLocal, "password", "long enough"))
                .post("/api/auth/signup").then().statusCode(201).body("user.displayName", equalTo("l".repeat(200)));
        given().contentType(ContentType.JSON).body("{\"email\": ")
                .post("/api/auth/signup").then().statusCode(400).body("error", notNullValue())
                .body(not(containsString("Exception")));
    }

    @Test
    void loginWithTheRightPasswordOnlyAndWithoutSayingWhichPartWasWrong() {
        Api.Account a = Api.signup("login");
        given().contentType(ContentType.JSON).body(Map.of("email", a.email(), "password", "correct horse battery"))
                .post("/api/auth/login").then().statusCode(200).body("user.id", equalTo((int) a.id()))
                .header("Set-Cookie", containsString("todo_session="));
        String wrongPassword = given().contentType(ContentType.JSON).body(Map.of("email", a.email(), "password", "wrong password"))
                .post("/api/auth/login").then().statusCode(401).extract().jsonPath().getString("error");
        String unknownUser = given().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("nobody"), "password", "wrong password"))
                .post("/api/auth/login").then().statusCode(401).extract().jsonPath().getString("error");
        assertEquals(wrongPassword, unknownUser);
    }

    @Test
    void meAcceptsTheBearerHeaderOrTheCookie() {
        Api.Account a = Api.signup("me");
        a.as().get("/api/auth/me").then().statusCode(200).body("email", equalTo(a.email())).body("displayName", equalTo("me"));
        given().cookie("todo_session", a.token()).get("/api/auth/me").then().statusCode(200).body("id", equalTo((int) a.id()));
    }

    @Test
    void noForgedOrMissingTokenGetsIn() {
        given().get("/api/auth/me").then().statusCode(401).contentType(ContentType.JSON).body("error", containsString("Log in"));
        given().header("Authorization", "Bearer not.a.token").get("/api/tasks").then().statusCode(401).body("error", notNullValue());
        // Signed with another key: same header and claims, different signature.
        Api.Account a = Api.signup("forge");
        String[] parts = a.token().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + "AAAA" + parts[2].substring(4);
        given().header("Authorization", "Bearer " + forged).get("/api/auth/me").then().statusCode(401);
        given().cookie("todo_session", "garbage").get("/api/tasks").then().statusCode(401);
    }

    @Inject
    TokenService tokens;

    @Test
    void aValidTokenWhoseUserIsNotTheSameAnyMoreIsRefused() {
        // As after a database reset: the id exists, but belongs to somebody with another e-mail.
        Api.Account a = Api.signup("reused-id");
        String stale = tokens.issue(new User(a.id(), "somebody-else@example.com", "Somebody"));
        given().header("Authorization", "Bearer " + stale).get("/api/auth/me").then().statusCode(401);
        given().header("Authorization", "Bearer " + stale).get("/api/tasks").then().statusCode(401);
        String unknown = tokens.issue(new User(987_654_321L, "ghost@example.com", "Ghost"));
        given().header("Authorization", "Bearer " + unknown).get("/api/auth/me").then().statusCode(401);
        String fresh = tokens.issue(new User(a.id(), a.email(), "Same"));
        given().header("Authorization", "Bearer " + fresh).get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void logoutClearsTheCookie() {
        given().post("/api/auth/logout").then().statusCode(204)
                .header("Set-Cookie", containsString("todo_session=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }
}
