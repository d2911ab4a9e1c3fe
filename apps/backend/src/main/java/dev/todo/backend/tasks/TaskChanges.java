package dev.todo.backend.tasks;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.todo.backend.web.ApiException;
import dev.todo.backend.web.Text;

/**
 * The fields a create or an update sets, validated; a field left out stays as it is, a field
 * sent as null is cleared (description, dueDate). Shared by the REST API, the assistant and MCP.
 */
public final class TaskChanges {

    public static final int MAX_TITLE = 500;
    public static final int MAX_DESCRIPTION = 10000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 40;
    /** A tag as the OpenAPI document allows it: no comma, and a character besides white space and '#'. */
    public static final String TAG_PATTERN = "^[^,\\x00]*[^" + Text.SPACE + "#,\\x00][^,\\x00]*$";
    private static final Set<String> IGNORED = Set.of("id", "createdAt", "updatedAt");

    String title;
    boolean hasTitle;
    String description;
    boolean hasDescription;
    Boolean completed;
    Priority priority;
    LocalDate dueDate;
    boolean hasDueDate;
    List<String> tags;

    public TaskChanges title(String value) {
        if (Text.isBlank(value)) {
            throw ApiException.badRequest("title", "The title cannot be empty");
        }
        // The limit counts what was sent (as the OpenAPI document's maxLength does); white space around it is dropped.
        if (Text.length(value) > MAX_TITLE) {
            throw ApiException.badRequest("title", "The title can have at most " + MAX_TITLE + " characters");
        }
        this.title = Text.strip(value);
        this.hasTitle = true;
        return this;
    }

    public TaskChanges description(String value) {
        if (value != null && Text.length(value) > MAX_DESCRIPTION) {
            throw ApiException.badRequest("description", "The description can have at most " + MAX_DESCRIPTION + " characters");
        }
        this.description = Text.isBlank(value) ? null : value;
        this.hasDescription = true;
        return this;
    }

    public TaskChanges completed(boolean value) {
        this.completed = value;
        return this;
    }

    public TaskChanges priority(Priority value) {
        this.priority = value;
        return this;
    }

    public TaskChanges priority(String value) {
        Priority p = Priority.parse(value);
        if (p == null) {
            throw ApiException.badRequest("priority", "priority must be low, medium or high");
        }
        return priority(p);
    }

    public TaskChanges dueDate(LocalDate value) {
        this.dueDate = value;
        this.hasDueDate = true;
        return this;
    }

    public TaskChanges dueDate(String value) {
        if (value == null || value.isBlank()) {
            return dueDate((LocalDate) null);
        }
        try {
            return dueDate(LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("dueDate", "dueDate must be a date like 2026-01-31");
        }
    }

    /** The API's form: null, or exactly YYYY-MM-DD (the OpenAPI document's format "date"), nothing looser. */
    TaskChanges dueDateExactly(String value) {
        if (value == null) {
            return dueDate((LocalDate) null);
        }
        try {
            return dueDate(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("dueDate", "dueDate must be a date like 2026-01-31, or null");
        }
    }

    public TaskChanges tags(List<String> values) {
        List<String> clean = normalizeTags(values);
        this.tags = clean;
        return this;
    }

    /** How a tag is stored and matched: trimmed, lower case, without a leading {@code #}. */
    public static String normalizeTag(String value) {
        String t = Text.strip(value).toLowerCase(Locale.ROOT);
        return t.startsWith("#") ? t.substring(1) : t;
    }

    public static List<String> normalizeTags(List<String> values) {
        if (values == null) {
            return List.of();
        }
        // Counted as sent, duplicates included, as the OpenAPI document's maxItems counts them.
        if (values.size() > MAX_TAGS) {
            throw ApiException.badRequest("tags", "A task can have at most " + MAX_TAGS + " tags");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (Text.isBlank(v)) {
                throw ApiException.badRequest("tags", "A tag cannot be empty");
            }
            Text.refuseNul("tags", v);
            // TAG_PATTERN: no comma, and something besides white space and '#'.
            if (v.contains(",") || Text.length(v) > MAX_TAG
                    || v.codePoints().allMatch(cp -> Text.isSpace(cp) || cp == '#')) {
                throw ApiException.badRequest("tags", "A tag has 1 to " + MAX_TAG + " characters and no comma");
            }
            out.add(normalizeTag(v));
        }
        return new ArrayList<>(out);
    }

    public boolean isEmpty() {
        return !hasTitle && !hasDescription && completed == null && priority == null && !hasDueDate && tags == null;
    }

    /** Reads a JSON body, naming the field at fault when one is wrong. */
    public static TaskChanges fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(null, "Send a JSON object with the task's fields");
        }
        TaskChanges c = new TaskChanges();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "title" -> c.title(text(v, "title", false));
                case "description" -> c.description(text(v, "description", true));
                case "completed" -> {
                    if (!v.isBoolean()) {
                        throw ApiException.badRequest("completed", "completed must be true or false");
                    }
                    c.completed(v.booleanValue());
                }
                case "priority" -> c.priority(text(v, "priority", false));
                case "dueDate" -> c.dueDateExactly(text(v, "dueDate", true));
                case "tags" -> {
                    if (v.isNull()) {
                        c.tags(List.of());
                    } else if (!v.isArray()) {
                        throw ApiException.badRequest("tags", "tags must be an array of strings");
                    } else {
                        List<String> list = new ArrayList<>();
                        for (JsonNode t : v) {
                            if (!t.isTextual()) {
                                throw ApiException.badRequest("tags", "tags must be an array of strings");
                            }
                            list.add(t.textValue());
                        }
                        c.tags(list);
                    }
                }
                default -> {
                    if (!IGNORED.contains(f.getKey())) {
                        throw ApiException.badRequest(f.getKey(), "Unknown field '" + f.getKey() + "'");
                    }
                }
            }
        }
        return c;
    }

    private static String text(JsonNode v, String field, boolean nullable) {
        if (v.isNull() && nullable) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(field, field + " must be a string" + (nullable ? " or null" : ""));
        }
        Text.refuseNul(field, v.textValue());
        return v.textValue();
    }
}
