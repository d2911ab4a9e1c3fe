package dev.todo.backend.tasks;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(requiredProperties = { "items", "page", "size", "total" })
public record TaskPage(List<Task> items, int page, int size, long total) {
}
