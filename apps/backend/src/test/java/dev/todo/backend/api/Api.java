package dev.todo.backend.api;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Test helpers: a fresh account per test (the PostgreSQL database outlives a run), requests as that user. */
public final class Api {

    private Api() {
    }

    public record Account(long id, String email, String token) {
        public RequestSpecification as() {
            return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
        }
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID() + "@example.test";
    }

    public static Account signup(String who) {
        String email = uniqueEmail(who);
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery", "displayName", who))
                .post("/api/auth/signup")
                .then().statusCode(201).extract().jsonPath();
        return new Account(body.getLong("user.id"), email, body.getString("token"));
    }

    public static long createTask(Account a, Map<String, Object> task) {
        return a.as().body(task).post("/api/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
