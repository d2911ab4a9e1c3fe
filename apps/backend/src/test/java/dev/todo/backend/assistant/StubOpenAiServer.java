package dev.todo.backend.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local HTTP server that answers {@code POST /v1/chat/completions} like an OpenAI-compatible
 * provider, so the real langchain4j client runs against it. Script, by the last message:
 * <ul>
 * <li>a tool result: answers "OK: " + that result;</li>
 * <li>a user message with "PROVIDER-DOWN": HTTP 500;</li>
 * <li>one with "buy milk": calls add_task {title: buy milk, dueDate: 2031-01-02, tags: [shop]};</li>
 * <li>one with "list": calls list_tasks {status: all};</li>
 * <li>anything else: "Hello from the stub".</li>
 * </ul>
 * Every request it received is served back, as JSON, at {@code GET /recorded}.
 */
public class StubOpenAiServer implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final List<JsonNode> recorded = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", this::complete);
        server.createContext("/recorded", ex -> send(ex, 200, JSON.writeValueAsString(recorded)));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
        return Map.of(
                "todo.ai.provider", "openai-compatible",
                "quarkus.langchain4j.openai.base-url", base,
                "quarkus.langchain4j.openai.api-key", "test-key",
                "quarkus.langchain4j.openai.chat-model.model-name", "stub-model",
                "quarkus.langchain4j.openai.max-retries", "1",
                "quarkus.langchain4j.openai.timeout", "10s");
    }

    private void complete(HttpExchange ex) throws IOException {
        byte[] in;
        try (InputStream is = ex.getRequestBody()) {
            in = is.readAllBytes();
        }
        ObjectNode request = (ObjectNode) JSON.readTree(in);
        request.put("_authorization", ex.getRequestHeaders().getFirst("Authorization"));
        recorded.add(request);
        ArrayNode messages = (ArrayNode) request.get("messages");
        JsonNode last = messages.get(messages.size() - 1);
        String role = last.path("role").asText();
        String content = last.path("content").isTextual() ? last.path("content").asText() : last.path("content").toString();
        boolean failAfterTool = false;
        for (JsonNode m : messages) {
            failAfterTool |= "user".equals(m.path("role").asText()) && m.path("content").asText().contains("FAILS-AFTER-TOOL");
        }
        if ("tool".equals(role) && failAfterTool) {
            send(ex, 500, "{\"error\":{\"message\":\"stub went down mid-answer\",\"type\":\"server_error\"}}");
        } else if ("tool".equals(role)) {
            send(ex, 200, answer("OK: " + content));
        } else if (content.contains("PROVIDER-DOWN")) {
            send(ex, 500, "{\"error\":{\"message\":\"stub is down\",\"type\":\"server_error\"}}");
        } else if (content.contains("buy milk")) {
            send(ex, 200, toolCall("call_add", "add_task", "{\"title\":\"buy milk\",\"dueDate\":\"2031-01-02\",\"tags\":[\"shop\"]}"));
        } else if (content.contains("list")) {
            send(ex, 200, toolCall("call_list", "list_tasks", "{\"status\":\"all\"}"));
        } else {
            send(ex, 200, answer("Hello from the stub"));
        }
    }

    private static String answer(String text) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
        return completion(message, "stop");
    }

    private static String toolCall(String id, String name, String arguments) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return completion(message, "tool_calls");
    }

    private static String completion(ObjectNode message, String finishReason) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", "stub-model");
        root.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason).set("message", message);
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return JSON.writeValueAsString(root);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
