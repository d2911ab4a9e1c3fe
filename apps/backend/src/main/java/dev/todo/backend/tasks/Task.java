package dev.todo.backend.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task as the API, the assistant and MCP show it. */
@Schema(requiredProperties = { "id", "title", "description", "completed", "priority", "dueDate", "tags", "createdAt", "updatedAt" })
public record Task(long id, String title,
        @Schema(nullable = true, description = "null when there is none") String description,
        boolean completed, Priority priority,
        @Schema(nullable = true, type = SchemaType.STRING, format = "date", description = "YYYY-MM-DD, null when there is none") LocalDate dueDate,
        @Schema(description = "lower case, without '#'") List<String> tags,
        Instant createdAt, Instant updatedAt) {
}
