package dev.todo.backend.assistant;

/** What a tool says back (to the model, the MCP client or the user) and the action it performed, if any. */
public record ToolResult(String text, Action action, boolean error) {

    static ToolResult ok(String text, Action action) {
        return new ToolResult(text, action, false);
    }

    static ToolResult failed(String text) {
        return new ToolResult(text, null, true);
    }
}
