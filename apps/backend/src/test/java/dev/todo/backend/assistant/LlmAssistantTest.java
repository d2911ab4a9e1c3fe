package dev.todo.backend.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.todo.backend.api.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The LLM path end to end: the real langchain4j OpenAI client against a local stub provider that calls tools. */
@QuarkusTest
@TestProfile(LlmProfile.class)
class LlmAssistantTest {

    @ConfigProperty(name = "quarkus.langchain4j.openai.base-url")
    String stubBase;

    private List<Map<String, Object>> recordedSince(int from) {
        List<Map<String, Object>> all = given().baseUri(stubBase.replace("/v1/", "")).port(-1).get("/recorded")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return all.subList(from, all.size());
    }

    private int recordedCount() {
        return recordedSince(0).size();
    }

    @Test
    void assistantEndpointSaysAnLlmAnswers() {
        Api.signup("llm-info").as().get("/api/assistant").then().statusCode(200)
                .body("mode", equalTo("llm")).body("model", equalTo("stub-model"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theModelsToolCallAddsATaskForTheCallerAndTheReplyComesFromTheModel() {
        Api.Account a = Api.signup("llm");
        int before = recordedCount();
        JsonPath r = a.as().body(Map.of("message", "please remember to buy milk")).post("/api/chat")
                .then().statusCode(200).extract().jsonPath();

        JsonPath tasks = a.as().get("/api/tasks").then().statusCode(200).extract().jsonPath();
        assertEquals(1, tasks.getInt("total"));
        long id = tasks.getLong("items[0].id");
        assertEquals("buy milk", tasks.getString("items[0].title"));
        assertEquals("2031-01-02", tasks.getString("items[0].dueDate"));
        assertEquals(List.of("shop"), tasks.getList("items[0].tags"));

        assertEquals("add_task", r.getString("actions[0].tool"));
        assertEquals(id, r.getLong("actions[0].taskId"));
        assertTrue(r.getString("reply").startsWith("OK: Added task #" + id + ": buy milk"), r.getString("reply"));

        List<Map<String, Object>> requests = recordedSince(before);
        assertEquals(2, requests.size(), "one request for the tool call, one for the answer");
        Map<String, Object> first = requests.get(0);
        assertEquals("Bearer test-key", first.get("_authorization"));
        assertEquals("stub-model", first.get("model"));
        List<Map<String, Object>> tools = (List<Map<String, Object>>) first.get("tools");
        assertEquals(List.of("add_task", "list_tasks", "complete_task", "delete_task", "update_task"),
                tools.stream().map(t -> ((Map<String, Object>) t.get("function")).get("name")).toList());
        List<Map<String, Object>> second = (List<Map<String, Object>>) requests.get(1).get("messages");
        Map<String, Object> toolMessage = second.get(second.size() - 1);
        assertEquals("tool", toolMessage.get("role"));
        assertEquals("call_add", toolMessage.get("tool_call_id"));

        // Stored like any other conversation.
        long conversation = r.getLong("conversationId");
        a.as().get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("[1].actions[0].tool", equalTo("add_task"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theToolsActOnlyOnTheCallersTasksAndTheHistoryComesFromTheDatabase() {
        Api.Account alice = Api.signup("llm-alice");
        Api.createTask(alice, Map.of("title", "alice's private task"));
        Api.Account bob = Api.signup("llm-bob");
        Api.createTask(bob, Map.of("title", "bob's task"));

        JsonPath first = bob.as().body(Map.of("message", "hello there")).post("/api/chat").then().statusCode(200).extract().jsonPath();
        assertEquals("Hello from the stub", first.getString("reply"));
        long conversation = first.getLong("conversationId");

        int before = recordedCount();
        JsonPath r = bob.as().body(Map.of("conversationId", conversation, "message", "list everything"))
                .post("/api/chat").then().statusCode(200).extract().jsonPath();
        assertTrue(r.getString("reply").contains("bob's task"), r.getString("reply"));
        assertFalse(r.getString("reply").contains("alice"), r.getString("reply"));
        assertEquals("list_tasks", r.getString("actions[0].tool"));

        List<Map<String, Object>> messages = (List<Map<String, Object>>) recordedSince(before).get(0).get("messages");
        List<Object> contents = messages.stream().map(m -> m.get("content")).toList();
        assertTrue(contents.contains("hello there") && contents.contains("Hello from the stub"), contents.toString());
    }

    @Test
    void whenTheProviderFailsAfterAToolRanTheCommandIsNotRunAgain() {
        Api.Account a = Api.signup("llm-midway");
        JsonPath r = a.as().body(Map.of("message", "add buy milk FAILS-AFTER-TOOL")).post("/api/chat")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, a.as().get("/api/tasks").then().statusCode(200).extract().jsonPath().getInt("total"),
                "the model's add_task ran once; the built-in assistant did not add the task again");
        assertEquals(List.of("add_task"), r.getList("actions.tool"));
        assertTrue(r.getString("reply").startsWith("(The AI provider stopped responding.) Done: "), r.getString("reply"));
    }

    @Test
    void whenTheProviderFailsTheBuiltInAssistantAnswers() {
        Api.Account a = Api.signup("llm-down");
        JsonPath r = a.as().body(Map.of("message", "add call the plumber PROVIDER-DOWN")).post("/api/chat")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(r.getString("reply").startsWith("(The AI provider could not be reached"), r.getString("reply"));
        assertEquals("add_task", r.getString("actions[0].tool"));
    }
}
