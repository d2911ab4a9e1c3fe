package dev.todo.backend.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
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
    void connectionsTheDatabaseDroppedAreReplacedNotReused() throws Exception {
        String url = System.getProperty("todo.test.database-url", "");
        Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"), "PostgreSQL only: it ends the app's sessions");
        Api.Account a = Api.signup("dropped");
        a.as().body(Map.of("title", "Survives a restart")).post("/api/tasks").then().statusCode(201);

        // What a PostgreSQL restart does to the pool: every session the app holds is ended by the server.
        try (Connection admin = DriverManager.getConnection(url);
                Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE usename = current_user AND datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            Assertions.assertTrue(rs.getInt(1) > 0, "the app held at least one connection");
        }

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        a.as().get("/api/tasks").then().statusCode(200).body("items.title", hasItem("Survives a restart"));
    }

    @Test
    void prometheusMetricsIncludeHttpRequests() {
        given().get("/health").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
    }

    @Test
    void metricsGiveTheRequestLatencyHistogramAndTheConnectionPool() {
        given().get("/health").then().statusCode(200);
        // the buckets the p95 alert and the dashboard compute the API's latency from
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("le=\"0.5\""))
                .body(containsString("agroal_active_count{datasource=\"default\"}"))
                .body(containsString("agroal_awaiting_count{datasource=\"default\"}"));
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

    @Test
    void aWrongMethodIsA405ThatListsTheRightOnesAndOptionsListsExactlyThem() {
        Api.Account a = Api.signup("methods");
        a.as().request("TRACE", "/api/tasks/1").then().statusCode(405)
                .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT")).body("error", equalTo("Method not allowed"));
        given().post("/health").then().statusCode(405).header("Allow", equalTo("GET, HEAD, OPTIONS"));
        given().options("/api/auth/me").then().header("Allow", equalTo("GET, HEAD, OPTIONS"));
    }
}
