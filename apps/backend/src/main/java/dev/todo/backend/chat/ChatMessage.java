package dev.todo.backend.chat;

import java.time.Instant;
import java.util.List;

import dev.todo.backend.assistant.Action;

/** A stored message; role is "user" or "assistant". */
public record ChatMessage(long id, String role, String content, List<Action> actions, Instant createdAt) {
}
