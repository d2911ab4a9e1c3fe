package dev.todo.backend.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A real MCP streamable HTTP exchange: initialize, initialized, tools/list, tools/call, with the API's bearer token. */
@QuarkusTest
class McpEndpointTest {

    /** An MCP client session over streamable HTTP. */
    static final class McpSession {
        private final String token;
        private String sessionId;
        private int nextId = 1;

        McpSession(String token) {
            this.token = token;
        }

        Response post(Map<String, Object> message) {
            var request = given().header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json, text/event-stream")
                    .contentType("application/json").body(message);
            if (sessionId != null) {
                request.header("Mcp-Session-Id", sessionId);
            }
            return request.post("/mcp");
        }

        JsonPath call(String method, Map<String, Object> params) {
            Response r = post(Map.of("jsonrpc", "2.0", "id", nextId++, "method", method, "params", params));
            r.then().statusCode(200);
            if (sessionId == null) {
                sessionId = r.header("Mcp-Session-Id");
            }
            return new JsonPath(jsonOf(r.asString()));
        }

        /** The JSON-RPC message in a plain JSON or a Server-Sent-Events response. */
        static String jsonOf(String body) {
            if (body.trim().startsWith("{")) {
                return body;
            }
            String last = null;
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    last = line.substring(5).trim();
                }
            }
            assertNotNull(last, "no data in " + body);
            return last;
        }

        JsonPath initialize() {
            JsonPath init = call("initialize", Map.of("protocolVersion", "2025-03-26", "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "todo-test", "version", "1.0")));
            assertNotNull(sessionId, "the server must assign an Mcp-Session-Id");
            int status = post(Map.of("jsonrpc", "2.0", "method", "notifications/initialized")).statusCode();
            assertTrue(status == 202 || status == 200, "initialized notification answered " + status);
            return init;
        }

        JsonPath tool(String name, Map<String, Object> arguments) {
            return call("tools/call", Map.of("name", name, "arguments", arguments));
        }
    }

    @Test
    void anAgentListsAndCallsTheFiveTaskTools() {
        Api.Account a = Api.signup("agent");
        McpSession mcp = new McpSession(a.token());
        JsonPath init = mcp.initialize();
        assertEquals("todo-backend", init.getString("result.serverInfo.name"));

        List<String> tools = mcp.call("tools/list", Map.of()).getList("result.tools.name");
        assertEquals(List.of("add_task", "complete_task", "delete_task", "list_tasks", "update_task"),
                tools.stream().sorted().toList());

        JsonPath added = mcp.tool("add_task", Map.of("title", "file taxes", "dueDate", "2031-04-15", "priority", "high", "tags", List.of("Money")));
        assertFalse(added.getBoolean("result.isError"), added.prettify());
        String text = added.getString("result.content[0].text");
        assertTrue(text.startsWith("Added task #"), text);
        long id = Long.parseLong(text.replaceAll("^Added task #(\\d+).*$", "$1").split(":")[0]);
        a.as().get("/api/tasks/" + id).then().statusCode(200)
                .body("title", equalTo("file taxes")).body("dueDate", equalTo("2031-04-15"))
                .body("priority", equalTo("high")).body("tags[0]", equalTo("money"));

        assertTrue(mcp.tool("list_tasks", Map.of()).getString("result.content[0].text").contains("#" + id + " file taxes"));
        mcp.tool("update_task", Map.of("taskId", id, "title", "file the taxes"));
        mcp.tool("complete_task", Map.of("taskId", id));
        a.as().get("/api/tasks/" + id).then().body("title", equalTo("file the taxes")).body("completed", equalTo(true));
        mcp.tool("delete_task", Map.of("taskId", id));
        a.as().get("/api/tasks/" + id).then().statusCode(404);

        JsonPath missing = mcp.tool("complete_task", Map.of("taskId", id));
        assertTrue(missing.getBoolean("result.isError"));
        assertTrue(missing.getString("result.content[0].text").contains("no task #" + id));
    }

    @Test
    void toolsOnlySeeTheCallersTasks() {
        Api.Account alice = Api.signup("alice");
        Api.Account bob = Api.signup("bob");
        long id = Api.createTask(alice, Map.of("title", "alice's errand"));
        McpSession mcp = new McpSession(bob.token());
        mcp.initialize();
        assertFalse(mcp.tool("list_tasks", Map.of("status", "all")).getString("result.content[0].text").contains("alice"));
        assertTrue(mcp.tool("delete_task", Map.of("taskId", id)).getBoolean("result.isError"));
        assertTrue(mcp.tool("update_task", Map.of("taskId", id, "title", "pwned")).getBoolean("result.isError"));
        alice.as().get("/api/tasks/" + id).then().statusCode(200).body("title", equalTo("alice's errand"));
    }

    @Test
    void withoutAValidTokenTheEndpointAnswers401() {
        given().header("Accept", "application/json, text/event-stream").contentType("application/json")
                .body(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of()))
                .post("/mcp").then().statusCode(401);
        given().header("Authorization", "Bearer forged.token.value").header("Accept", "application/json, text/event-stream")
                .contentType("application/json")
                .body(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of()))
                .post("/mcp").then().statusCode(401);
    }
}
