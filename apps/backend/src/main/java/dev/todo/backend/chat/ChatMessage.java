package dev.todo.backend.chat;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.todo.backend.assistant.Action;

/** A stored message; role is "user" or "assistant". */
@Schema(requiredProperties = { "id", "role", "content", "actions", "createdAt" })
public record ChatMessage(long id, @Schema(enumeration = { "user", "assistant" }) String role, String content, List<Action> actions,
        Instant createdAt) {
}
