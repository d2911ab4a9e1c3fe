package dev.todo.backend.mcp;

import java.util.List;

import jakarta.inject.Inject;

import dev.todo.backend.assistant.TaskTools;
import dev.todo.backend.assistant.ToolResult;
import dev.todo.backend.auth.CurrentUser;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.security.Authenticated;

/**
 * The five task tools over MCP (streamable HTTP at /mcp). The HTTP layer requires the same bearer
 * token as the API; each call acts on the caller's own tasks.
 */
@Authenticated
public class TaskMcpTools {

    @Inject
    TaskTools tools;
    @Inject
    CurrentUser user;

    @Tool(name = TaskTools.ADD, description = "Add a task to the user's to-do list")
    ToolResponse addTask(@ToolArg(description = "what to do, e.g. 'buy milk'") String title,
            @ToolArg(description = "optional details", required = false) String description,
            @ToolArg(description = "low, medium (default) or high", required = false) String priority,
            @ToolArg(description = "optional due date, YYYY-MM-DD", required = false) String dueDate,
            @ToolArg(description = "optional lower-case tags", required = false) List<String> tags) {
        return response(tools.add(user.id(), title, description, priority, dueDate, tags));
    }

    @Tool(name = TaskTools.LIST, description = "List the user's tasks with their numbers")
    ToolResponse listTasks(@ToolArg(description = "open (default), completed or all", required = false) String status,
            @ToolArg(description = "only tasks whose title or description contains this text", required = false) String query,
            @ToolArg(description = "only tasks with this tag", required = false) String tag,
            @ToolArg(description = "only tasks with this priority: low, medium or high", required = false) String priority) {
        return response(tools.list(user.id(), status, query, tag, priority));
    }

    @Tool(name = TaskTools.COMPLETE, description = "Mark a task as done, or as not done with completed=false")
    ToolResponse completeTask(@ToolArg(description = "the task's number") long taskId,
            @ToolArg(description = "true (default) marks it done, false reopens it", required = false) Boolean completed) {
        return response(tools.complete(user.id(), taskId, completed == null || completed));
    }

    @Tool(name = TaskTools.DELETE, description = "Delete a task")
    ToolResponse deleteTask(@ToolArg(description = "the task's number") long taskId) {
        return response(tools.delete(user.id(), taskId));
    }

    @Tool(name = TaskTools.UPDATE, description = "Change a task's title, description, priority, due date, tags or status; leave out what stays")
    ToolResponse updateTask(@ToolArg(description = "the task's number") long taskId,
            @ToolArg(description = "new title", required = false) String title,
            @ToolArg(description = "new description", required = false) String description,
            @ToolArg(description = "new priority: low, medium or high", required = false) String priority,
            @ToolArg(description = "new due date YYYY-MM-DD, or empty to remove it", required = false) String dueDate,
            @ToolArg(description = "new tags (replace the old ones)", required = false) List<String> tags,
            @ToolArg(description = "done or not", required = false) Boolean completed) {
        return response(tools.update(user.id(), taskId, title, description, priority, dueDate, tags, completed));
    }

    private static ToolResponse response(ToolResult r) {
        return r.error() ? ToolResponse.error(r.text()) : ToolResponse.success(r.text());
    }
}
