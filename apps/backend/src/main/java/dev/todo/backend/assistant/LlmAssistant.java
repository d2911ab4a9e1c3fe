package dev.todo.backend.assistant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * The LLM-driven assistant: sends the conversation and the five tool definitions to the
 * OpenAI-compatible provider, runs the tool calls it asks for against the caller's tasks (the
 * user id is passed explicitly, never taken from the model), and loops until it answers.
 */
@ApplicationScoped
public class LlmAssistant {

    private static final Logger LOG = Logger.getLogger(LlmAssistant.class);
    private static final int MAX_ROUNDS = 6;
    static final List<ToolSpecification> TOOLS = toolSpecifications();

    @Inject
    ChatModel model;
    @Inject
    TaskTools tools;
    @Inject
    ObjectMapper json;

    /** A previous turn of the conversation, oldest first. */
    public record Turn(boolean fromUser, String text) {
    }

    public AssistantReply handle(long userId, List<Turn> history, String message) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from("You are the assistant of a to-do app. Today is " + LocalDate.now() + " ("
                + LocalDate.now().getDayOfWeek().toString().toLowerCase() + "). Manage the user's tasks only through the tools "
                + "add_task, list_tasks, complete_task, delete_task and update_task; refer to tasks by their number (#id); "
                + "call list_tasks to find a task's id when the user names it by its title. Dates are YYYY-MM-DD. "
                + "After acting, say briefly what you did. Keep answers short."));
        for (Turn t : history) {
            messages.add(t.fromUser() ? UserMessage.from(t.text()) : AiMessage.from(t.text()));
        }
        messages.add(UserMessage.from(message));
        List<Action> actions = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ChatResponse response;
            try {
                response = model.chat(ChatRequest.builder().messages(messages).toolSpecifications(TOOLS).build());
            } catch (RuntimeException e) {
                if (actions.isEmpty()) {
                    throw e; // nothing done yet: the caller may hand the message to the built-in assistant
                }
                // Tools already changed tasks: answering the message again elsewhere would do it twice.
                LOG.warnf("The AI provider failed after %d action(s) (%s); replying with what was done", actions.size(),
                        e.toString());
                return new AssistantReply("(The AI provider stopped responding.) " + summarize(actions), actions);
            }
            AiMessage ai = response.aiMessage();
            if (!ai.hasToolExecutionRequests()) {
                String text = ai.text() == null || ai.text().isBlank() ? summarize(actions) : ai.text();
                return new AssistantReply(text, actions);
            }
            messages.add(ai);
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                ToolResult result = execute(userId, call);
                if (result.action() != null) {
                    actions.add(result.action());
                }
                messages.add(ToolExecutionResultMessage.from(call, result.error() ? "Error: " + result.text() : result.text()));
            }
        }
        LOG.warnf("The model kept calling tools after %d rounds; stopping", MAX_ROUNDS);
        return new AssistantReply(summarize(actions), actions);
    }

    private static String summarize(List<Action> actions) {
        return actions.isEmpty() ? "Done." : "Done: " + String.join("; ", actions.stream().map(Action::summary).toList()) + ".";
    }

    ToolResult execute(long userId, ToolExecutionRequest call) {
        JsonNode args;
        try {
            args = call.arguments() == null || call.arguments().isBlank() ? json.createObjectNode() : json.readTree(call.arguments());
        } catch (Exception e) {
            return ToolResult.failed("The arguments are not valid JSON");
        }
        try {
            return switch (call.name()) {
                case TaskTools.ADD -> tools.add(userId, text(args, "title"), text(args, "description"), text(args, "priority"),
                        text(args, "dueDate"), list(args, "tags"));
                case TaskTools.LIST -> tools.list(userId, text(args, "status"), text(args, "query"), text(args, "tag"), text(args, "priority"));
                case TaskTools.COMPLETE -> tools.complete(userId, id(args), !args.has("completed") || args.get("completed").asBoolean(true));
                case TaskTools.DELETE -> tools.delete(userId, id(args));
                case TaskTools.UPDATE -> tools.update(userId, id(args), text(args, "title"), text(args, "description"),
                        text(args, "priority"), text(args, "dueDate"), list(args, "tags"),
                        args.hasNonNull("completed") ? args.get("completed").asBoolean() : null);
                default -> ToolResult.failed("Unknown tool " + call.name());
            };
        } catch (IllegalArgumentException e) {
            return ToolResult.failed(e.getMessage());
        }
    }

    private static long id(JsonNode args) {
        JsonNode id = args.get("taskId");
        if (id == null || !(id.isIntegralNumber() || id.isTextual() && id.asText().replace("#", "").matches("\\d+"))) {
            throw new IllegalArgumentException("taskId (a task number) is required");
        }
        return id.isIntegralNumber() ? id.asLong() : Long.parseLong(id.asText().replace("#", ""));
    }

    private static String text(JsonNode args, String name) {
        JsonNode v = args.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> list(JsonNode args, String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else {
            for (String s : v.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static List<ToolSpecification> toolSpecifications() {
        List<String> priorities = List.of("low", "medium", "high");
        JsonArraySchema tags = JsonArraySchema.builder().items(new JsonStringSchema()).description("lower-case tags, e.g. [\"work\"]").build();
        return List.of(
                ToolSpecification.builder().name(TaskTools.ADD).description("Add a task to the user's list")
                        .parameters(JsonObjectSchema.builder()
                                .addStringProperty("title", "what to do, e.g. 'buy milk'")
                                .addStringProperty("description", "optional details")
                                .addEnumProperty("priority", priorities, "default medium")
                                .addStringProperty("dueDate", "optional due date, YYYY-MM-DD")
                                .addProperty("tags", tags)
                                .required("title").build())
                        .build(),
                ToolSpecification.builder().name(TaskTools.LIST).description("List the user's tasks with their numbers")
                        .parameters(JsonObjectSchema.builder()
                                .addEnumProperty("status", List.of("open", "completed", "all"), "default open")
                                .addStringProperty("query", "only tasks whose title or description contains this text")
                                .addStringProperty("tag", "only tasks with this tag")
                                .addEnumProperty("priority", priorities, "only tasks with this priority")
                                .build())
                        .build(),
                ToolSpecification.builder().name(TaskTools.COMPLETE).description("Mark a task as done (or not done)")
                        .parameters(JsonObjectSchema.builder()
                                .addIntegerProperty("taskId", "the task's number")
                                .addBooleanProperty("completed", "true (default) to mark done, false to reopen")
                                .required("taskId").build())
                        .build(),
                ToolSpecification.builder().name(TaskTools.DELETE).description("Delete a task")
                        .parameters(JsonObjectSchema.builder()
                                .addIntegerProperty("taskId", "the task's number")
                                .required("taskId").build())
                        .build(),
                ToolSpecification.builder().name(TaskTools.UPDATE).description("Change a task; leave out what stays the same")
                        .parameters(JsonObjectSchema.builder()
                                .addIntegerProperty("taskId", "the task's number")
                                .addStringProperty("title", "new title")
                                .addStringProperty("description", "new description")
                                .addEnumProperty("priority", priorities, "new priority")
                                .addStringProperty("dueDate", "new due date YYYY-MM-DD, or empty to remove it")
                                .addProperty("tags", tags)
                                .addBooleanProperty("completed", "done or not")
                                .required("taskId").build())
                        .build());
    }
}
