package dev.todo.backend.chat;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.todo.backend.assistant.AssistantMode;
import dev.todo.backend.assistant.OfflineAssistant;
import dev.todo.backend.auth.CurrentUser;
import dev.todo.backend.web.ApiError;
import dev.todo.backend.web.ApiException;
import dev.todo.backend.web.Text;
import dev.todo.backend.web.WholeNumber;
import io.quarkus.security.Authenticated;

@Path("/api")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Chat assistant")
public class ChatResource {

    public record ChatRequest(
            @Schema(nullable = true, description = "Left out or null: a new conversation")
            @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = WholeNumber.class) Long conversationId,
            @Schema(required = true, minLength = 1, maxLength = ChatService.MAX_MESSAGE, pattern = Text.NOT_BLANK) String message) {
    }

    @Schema(requiredProperties = { "mode", "model", "hint" })
    public record AssistantInfo(@Schema(enumeration = { "offline", "llm" }) String mode, String model, String hint) {
    }

    @Inject
    ChatService chat;
    @Inject
    ConversationRepository conversations;
    @Inject
    AssistantMode mode;
    @Inject
    CurrentUser user;

    @POST
    @Path("/chat")
    @Operation(summary = "Send a message to the assistant; it may add, list, complete, update or delete the caller's tasks")
    @APIResponse(responseCode = "200", description = "The assistant's reply and what it did",
            content = @Content(schema = @Schema(implementation = ChatService.ChatResult.class)))
    @APIResponse(responseCode = "404", description = "conversationId is not one of the caller's conversations",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ChatService.ChatResult chat(ChatRequest body) {
        if (body == null) {
            throw ApiException.badRequest("message", "Send {conversationId?, message}");
        }
        return chat.chat(user.id(), body.conversationId(), body.message());
    }

    @GET
    @Path("/conversations")
    @Operation(summary = "The caller's conversations, newest first")
    public List<Conversation> conversations() {
        return conversations.list(user.id());
    }

    @GET
    @Path("/conversations/{id}/messages")
    @Operation(summary = "A conversation's messages, oldest first")
    public List<ChatMessage> messages(@PathParam("id") long id) {
        conversations.find(user.id(), id).orElseThrow(() -> ApiException.notFound("Conversation " + id));
        return conversations.messages(id, 10_000);
    }

    @GET
    @Path("/assistant")
    @Operation(summary = "Which assistant answers: the LLM or the built-in offline one (with how to enable the LLM)")
    public AssistantInfo assistant() {
        return mode.llm()
                ? new AssistantInfo("llm", mode.model(), "An LLM answers through " + mode.model() + ".")
                : new AssistantInfo("offline", mode.model(), OfflineAssistant.LLM_HINT);
    }
}
