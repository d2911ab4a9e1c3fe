package dev.todo.backend.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TaskApiTest {

    @Test
    void createReadUpdateAndDeleteATask() {
        Api.Account a = Api.signup("crud");
        long id = a.as().body(Map.of("title", "  Buy milk ", "description", "2 litres", "priority", "HIGH",
                "dueDate", "2030-01-31", "tags", List.of("Shop", "#home", "shop")))
                .post("/api/tasks").then().statusCode(201)
                .body("title", equalTo("Buy milk"))
                .body("description", equalTo("2 litres"))
                .body("completed", equalTo(false))
                .body("priority", equalTo("high"))
                .body("dueDate", equalTo("2030-01-31"))
                .body("tags", contains("shop", "home"))
                .body("createdAt", notNullValue())
                .extract().jsonPath().getLong("id");

        a.as().get("/api/tasks/" + id).then().statusCode(200).body("title", equalTo("Buy milk"));

        a.as().body(Map.of("completed", true)).patch("/api/tasks/" + id).then().statusCode(200)
                .body("completed", equalTo(true)).body("title", equalTo("Buy milk")).body("priority", equalTo("high"));

        Map<String, Object> clear = new HashMap<>();
        clear.put("dueDate", null);
        clear.put("description", null);
        clear.put("tags", List.of());
        a.as().body(clear).patch("/api/tasks/" + id).then().statusCode(200)
                .body("dueDate", nullValue()).body("description", nullValue()).body("tags", empty());

        a.as().body(Map.of("title", "Buy oat milk", "priority", "low")).put("/api/tasks/" + id).then().statusCode(200)
                .body("title", equalTo("Buy oat milk")).body("priority", equalTo("low")).body("completed", equalTo(true));

        a.as().delete("/api/tasks/" + id).then().statusCode(204);
        a.as().get("/api/tasks/" + id).then().statusCode(404).body("error", containsString("not found"));
        a.as().delete("/api/tasks/" + id).then().statusCode(404);
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        Api.Account a = Api.signup("invalid");
        a.as().body(Map.of("description", "no title")).post("/api/tasks").then().statusCode(400).body("field", equalTo("title"));
        a.as().body(Map.of("title", "   ")).post("/api/tasks").then().statusCode(400).body("field", equalTo("title"));
        a.as().body(Map.of("title", "x".repeat(501))).post("/api/tasks").then().statusCode(400).body("field", equalTo("title"));
        a.as().body(Map.of("title", "t", "priority", "extreme")).post("/api/tasks").then().statusCode(400).body("field", equalTo("priority"));
        a.as().body(Map.of("title", "t", "dueDate", "31/01/2030")).post("/api/tasks").then().statusCode(400).body("field", equalTo("dueDate"));
        a.as().body(Map.of("title", "t", "tags", "work")).post("/api/tasks").then().statusCode(400).body("field", equalTo("tags"));
        a.as().body(Map.of("title", "t", "tags", List.of("a,b"))).post("/api/tasks").then().statusCode(400).body("field", equalTo("tags"));
        a.as().body(Map.of("title", "t", "colour", "red")).post("/api/tasks").then().statusCode(400).body("field", equalTo("colour"));
        long id = Api.createTask(a, Map.of("title", "ok"));
        a.as().body(Map.of("completed", "yes")).patch("/api/tasks/" + id).then().statusCode(400).body("field", equalTo("completed"));
        a.as().body("{not json").post("/api/tasks").then().statusCode(400)
                .body("error", notNullValue()).body(not(containsString("at dev.")), not(containsString("Exception")));
        a.as().body("[1,2]").post("/api/tasks").then().statusCode(400).body("error", notNullValue());
        a.as().get("/api/tasks?status=maybe").then().statusCode(400).body("field", equalTo("status"));
        a.as().get("/api/tasks?sort=colour").then().statusCode(400).body("field", equalTo("sort"));
        a.as().get("/api/tasks?size=1000").then().statusCode(400).body("field", equalTo("size"));
        a.as().get("/api/tasks?page=-1").then().statusCode(400).body("field", equalTo("page"));
        a.as().get("/api/tasks?page=abc").then().statusCode(400).body("field", equalTo("page"));
        a.as().get("/api/tasks?size=1.5").then().statusCode(400).body("field", equalTo("size"));
        a.as().get("/api/tasks/abc").then().statusCode(404).body("error", notNullValue());
        a.as().get("/api/tasks/987654321").then().statusCode(404);
    }

    @Test
    void oneUserCanNeverReadOrChangeAnotherUsersTasks() {
        Api.Account alice = Api.signup("alice");
        Api.Account bob = Api.signup("bob");
        long alicesTask = Api.createTask(alice, Map.of("title", "alice's secret"));

        bob.as().get("/api/tasks/" + alicesTask).then().statusCode(404);
        bob.as().body(Map.of("title", "hacked")).patch("/api/tasks/" + alicesTask).then().statusCode(404);
        bob.as().body(Map.of("completed", true)).put("/api/tasks/" + alicesTask).then().statusCode(404);
        bob.as().delete("/api/tasks/" + alicesTask).then().statusCode(404);
        bob.as().get("/api/tasks?status=all&q=secret").then().statusCode(200).body("total", equalTo(0)).body("items", empty());

        alice.as().get("/api/tasks/" + alicesTask).then().statusCode(200)
                .body("title", equalTo("alice's secret")).body("completed", equalTo(false));
        given().get("/api/tasks/" + alicesTask).then().statusCode(401);
    }

    @Test
    void listFiltersByStatusPriorityTagAndText() {
        Api.Account a = Api.signup("filter");
        long milk = Api.createTask(a, Map.of("title", "Buy milk", "tags", List.of("shop"), "priority", "low"));
        long report = Api.createTask(a, Map.of("title", "Write report", "description", "Quarterly NUMBERS", "tags", List.of("work"), "priority", "high"));
        long call = Api.createTask(a, Map.of("title", "Call 100% of clients", "tags", List.of("work", "phone")));
        a.as().body(Map.of("completed", true)).patch("/api/tasks/" + milk).then().statusCode(200);

        assertEquals(List.of(call, report, milk), ids(a, "status=all"));
        assertEquals(List.of(call, report), ids(a, "status=open"));
        assertEquals(List.of(milk), ids(a, "status=completed"));
        assertEquals(List.of(report), ids(a, "priority=high"));
        assertEquals(List.of(call, report), ids(a, "tag=work"));
        assertEquals(List.of(call), ids(a, "tag=PHONE"));
        assertEquals(List.of(call, report), a.as().queryParam("tag", "#Work").get("/api/tasks").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class), "a tag filter matches as tags are stored: without #");
        assertEquals(List.of(), ids(a, "tag=wor"));
        assertEquals(List.of(report), ids(a, "q=numbers"));
        assertEquals(List.of(milk), ids(a, "q=MILK"));
        assertEquals(List.of(call), ids(a, "q=100%"));
        assertEquals(List.of(), ids(a, "q=_"));
        assertEquals(List.of(report), ids(a, "status=open&tag=work&priority=high&q=report"));
    }

    @Test
    void listSortsByCreatedDueOrPriorityInEitherOrder() {
        Api.Account a = Api.signup("sort");
        long later = Api.createTask(a, Map.of("title", "later", "dueDate", "2030-03-01", "priority", "low"));
        long none = Api.createTask(a, Map.of("title", "no date", "priority", "high"));
        long sooner = Api.createTask(a, Map.of("title", "sooner", "dueDate", "2030-01-01"));

        assertEquals(List.of(sooner, none, later), ids(a, ""));
        assertEquals(List.of(later, none, sooner), ids(a, "sort=created&order=asc"));
        assertEquals(List.of(sooner, later, none), ids(a, "sort=due"));
        assertEquals(List.of(later, sooner, none), ids(a, "sort=due&order=desc"));
        assertEquals(List.of(none, sooner, later), ids(a, "sort=priority"));
        assertEquals(List.of(later, sooner, none), ids(a, "sort=priority&order=asc"));
    }

    @Test
    void listPagesThroughTheTasks() {
        Api.Account a = Api.signup("page");
        for (int i = 1; i <= 5; i++) {
            Api.createTask(a, Map.of("title", "task " + i));
        }
        a.as().get("/api/tasks?size=2&page=0&order=asc").then().statusCode(200)
                .body("total", equalTo(5)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.title", contains("task 1", "task 2"));
        a.as().get("/api/tasks?size=2&page=2&order=asc").then().statusCode(200)
                .body("total", equalTo(5)).body("items.title", contains("task 5"));
        a.as().get("/api/tasks?size=2&page=3").then().statusCode(200).body("total", equalTo(5)).body("items", empty());
        a.as().get("/api/tasks").then().statusCode(200).body("size", equalTo(20)).body("items.size()", equalTo(5));
    }

    private static List<Long> ids(Api.Account a, String query) {
        return a.as().get(query.isEmpty() ? "/api/tasks" : "/api/tasks?" + query).then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }
}
