package dev.todo.backend.chat;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(requiredProperties = { "id", "title", "createdAt", "updatedAt" })
public record Conversation(long id, String title, Instant createdAt, Instant updatedAt) {
}
