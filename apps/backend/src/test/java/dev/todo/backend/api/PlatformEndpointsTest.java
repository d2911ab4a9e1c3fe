package dev.todo.backend.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void healthEndpointsAnswerAndReadinessChecksTheDatabase() {
        given().get("/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void prometheusMetricsIncludeHttpRequests() {
        given().get("/health").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/tasks"))
                .body(containsString("/api/auth/signup"))
                .body(containsString("/api/chat"));
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() {
        given().get("/api/nothing-here").then().statusCode(404);
        given().delete("/api/auth/me").then().statusCode(405).body("error", equalTo("Method not allowed"));
    }
}
