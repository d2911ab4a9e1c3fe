package dev.todo.backend.assistant;

/** One task operation the assistant performed: which tool, on which task (null for a list), in words. */
public record Action(String tool, Long taskId, String summary) {
}
