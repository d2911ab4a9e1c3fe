package dev.todo.backend.assistant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One task operation the assistant performed: which tool, on which task (null for a list), in words. */
@Schema(requiredProperties = { "tool", "taskId", "summary" })
public record Action(
        @Schema(enumeration = { "add_task", "list_tasks", "complete_task", "delete_task", "update_task" }) String tool,
        @Schema(nullable = true, description = "null for list_tasks") Long taskId,
        String summary) {
}
