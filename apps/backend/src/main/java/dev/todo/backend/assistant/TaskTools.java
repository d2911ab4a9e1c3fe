package dev.todo.backend.assistant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.todo.backend.tasks.Priority;
import dev.todo.backend.tasks.Task;
import dev.todo.backend.tasks.TaskChanges;
import dev.todo.backend.tasks.TaskPage;
import dev.todo.backend.tasks.TaskQuery;
import dev.todo.backend.tasks.TaskService;
import dev.todo.backend.web.ApiException;

/**
 * The five task tools (add_task, list_tasks, complete_task, delete_task, update_task), always
 * for an explicit user id. The offline assistant, the LLM and the MCP endpoint all call these;
 * invalid input and unknown ids come back as a failed result with a readable message.
 */
@ApplicationScoped
public class TaskTools {

    public static final String ADD = "add_task";
    public static final String LIST = "list_tasks";
    public static final String COMPLETE = "complete_task";
    public static final String DELETE = "delete_task";
    public static final String UPDATE = "update_task";

    @Inject
    TaskService tasks;

    public ToolResult add(long userId, String title, String description, String priority, String dueDate, List<String> tags) {
        try {
            TaskChanges c = new TaskChanges().title(title);
            if (description != null) {
                c.description(description);
            }
            if (priority != null && !priority.isBlank()) {
                c.priority(priority);
            }
            if (dueDate != null && !dueDate.isBlank()) {
                c.dueDate(dueDate);
            }
            if (tags != null) {
                c.tags(tags);
            }
            Task t = tasks.create(userId, c);
            return ToolResult.ok("Added task #" + t.id() + ": " + describe(t), new Action(ADD, t.id(), "Added #" + t.id() + " " + t.title()));
        } catch (ApiException e) {
            return ToolResult.failed(e.getMessage());
        }
    }

    public ToolResult list(long userId, String status, String text, String tag, String priority) {
        TaskQuery q;
        try {
            q = TaskQuery.parse(status == null || status.isBlank() ? "open" : status, priority, tag, text, "created", "asc", 0, TaskQuery.MAX_SIZE);
        } catch (ApiException e) {
            return ToolResult.failed(e.getMessage());
        }
        TaskPage page = tasks.list(userId, q);
        String which = switch (q.status()) {
            case OPEN -> "open ";
            case COMPLETED -> "completed ";
            case ALL -> "";
        };
        String filter = (q.text() != null ? " matching \"" + q.text() + "\"" : "") + (q.tag() != null ? " tagged #" + q.tag() : "")
                + (q.priority() != null ? " with " + q.priority().json() + " priority" : "");
        String summary = "Listed " + page.total() + " " + which + (page.total() == 1 ? "task" : "tasks") + filter;
        if (page.items().isEmpty()) {
            return ToolResult.ok("You have no " + which + "tasks" + filter + ".", new Action(LIST, null, summary));
        }
        String lines = page.items().stream().map(t -> "- #" + t.id() + " " + describe(t)).collect(Collectors.joining("\n"));
        String more = page.total() > page.items().size() ? "\n(" + (page.total() - page.items().size()) + " more not shown)" : "";
        return ToolResult.ok("Your " + which + "tasks" + filter + " (" + page.total() + "):\n" + lines + more, new Action(LIST, null, summary));
    }

    public ToolResult complete(long userId, long taskId, boolean completed) {
        try {
            Task t = tasks.update(userId, taskId, new TaskChanges().completed(completed));
            String verb = completed ? "Marked #" + t.id() + " as done" : "Reopened #" + t.id();
            return ToolResult.ok(verb + ": " + t.title(), new Action(COMPLETE, t.id(), verb + ": " + t.title()));
        } catch (ApiException e) {
            return ToolResult.failed(notFound(taskId, e));
        }
    }

    public ToolResult delete(long userId, long taskId) {
        try {
            Task t = tasks.get(userId, taskId);
            tasks.delete(userId, taskId);
            return ToolResult.ok("Deleted #" + t.id() + ": " + t.title(), new Action(DELETE, t.id(), "Deleted #" + t.id() + " " + t.title()));
        } catch (ApiException e) {
            return ToolResult.failed(notFound(taskId, e));
        }
    }

    /** Each argument may be null: null leaves that field unchanged. An empty dueDate clears it. */
    public ToolResult update(long userId, long taskId, String title, String description, String priority, String dueDate,
            List<String> tags, Boolean completed) {
        try {
            TaskChanges c = new TaskChanges();
            List<String> what = new ArrayList<>();
            if (title != null) {
                c.title(title);
                what.add("title");
            }
            if (description != null) {
                c.description(description);
                what.add("description");
            }
            if (priority != null) {
                c.priority(priority);
                what.add("priority");
            }
            if (dueDate != null) {
                c.dueDate(dueDate);
                what.add("due date");
            }
            if (tags != null) {
                c.tags(tags);
                what.add("tags");
            }
            if (completed != null) {
                c.completed(completed);
                what.add("status");
            }
            if (what.isEmpty()) {
                return ToolResult.failed("Say what to change: title, description, priority, dueDate, tags or completed.");
            }
            Task t = tasks.update(userId, taskId, c);
            String summary = "Updated #" + t.id() + " (" + String.join(", ", what) + ")";
            return ToolResult.ok(summary + ": " + describe(t), new Action(UPDATE, t.id(), summary + ": " + t.title()));
        } catch (ApiException e) {
            return ToolResult.failed(notFound(taskId, e));
        }
    }

    private static String notFound(long taskId, ApiException e) {
        return e.status() == 404 ? "There is no task #" + taskId + " in your list." : e.getMessage();
    }

    /** "buy milk (due 2026-11-23, high priority, #shop)" */
    public static String describe(Task t) {
        List<String> details = new ArrayList<>();
        if (t.completed()) {
            details.add("done");
        }
        if (t.dueDate() != null) {
            details.add("due " + t.dueDate() + dayHint(t.dueDate()));
        }
        if (t.priority() != Priority.MEDIUM) {
            details.add(t.priority().json() + " priority");
        }
        if (!t.tags().isEmpty()) {
            details.add(t.tags().stream().map(x -> "#" + x).collect(Collectors.joining(" ")));
        }
        return t.title() + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
    }

    private static String dayHint(LocalDate d) {
        LocalDate today = LocalDate.now();
        if (d.equals(today)) {
            return ", today";
        }
        if (d.equals(today.plusDays(1))) {
            return ", tomorrow";
        }
        if (d.isBefore(today)) {
            return ", overdue";
        }
        return "";
    }
}
