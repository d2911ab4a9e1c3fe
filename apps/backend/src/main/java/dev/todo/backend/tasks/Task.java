package dev.todo.backend.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A task as the API, the assistant and MCP show it. */
public record Task(long id, String title, String description, boolean completed, Priority priority,
        LocalDate dueDate, List<String> tags, Instant createdAt, Instant updatedAt) {
}
