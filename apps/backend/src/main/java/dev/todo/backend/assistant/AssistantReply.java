package dev.todo.backend.assistant;

import java.util.List;

/** What an assistant answers to one message, and the task operations it performed. */
public record AssistantReply(String reply, List<Action> actions) {
}
