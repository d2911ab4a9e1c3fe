package dev.todo.backend.tasks;

import java.util.Locale;

import dev.todo.backend.web.ApiException;

/** Filter, sort and page of a task list, validated. */
public record TaskQuery(Status status, Priority priority, String tag, String text, Sort sort, boolean ascending, int page, int size) {

    public enum Status { ALL, OPEN, COMPLETED }

    public enum Sort { CREATED, DUE, PRIORITY }

    public static final int MAX_SIZE = 100;

    public static TaskQuery all() {
        return new TaskQuery(Status.ALL, null, null, null, Sort.CREATED, false, 0, MAX_SIZE);
    }

    /**
     * A whole-number query parameter, or null when absent. JAX-RS would answer a malformed
     * {@code Integer} parameter with a bare 404, so the resource takes it as text and this names the field.
     */
    public static Integer number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, field + " must be a whole number");
        }
    }

    public static TaskQuery parse(String status, String priority, String tag, String q, String sort, String order,
            Integer page, Integer size) {
        Status st = status == null || status.isBlank() ? Status.ALL : switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> Status.ALL;
            case "open" -> Status.OPEN;
            case "completed", "done" -> Status.COMPLETED;
            default -> throw ApiException.badRequest("status", "status must be all, open or completed");
        };
        Priority pr = null;
        if (priority != null && !priority.isBlank()) {
            pr = Priority.parse(priority);
            if (pr == null) {
                throw ApiException.badRequest("priority", "priority must be low, medium or high");
            }
        }
        Sort so = sort == null || sort.isBlank() ? Sort.CREATED : switch (sort.trim().toLowerCase(Locale.ROOT)) {
            case "created" -> Sort.CREATED;
            case "due" -> Sort.DUE;
            case "priority" -> Sort.PRIORITY;
            default -> throw ApiException.badRequest("sort", "sort must be created, due or priority");
        };
        // Default order: newest first, soonest due first, most important first.
        boolean asc = so == Sort.DUE;
        if (order != null && !order.isBlank()) {
            asc = switch (order.trim().toLowerCase(Locale.ROOT)) {
                case "asc" -> true;
                case "desc" -> false;
                default -> throw ApiException.badRequest("order", "order must be asc or desc");
            };
        }
        int p = page == null ? 0 : page;
        if (p < 0) {
            throw ApiException.badRequest("page", "page must be 0 or more");
        }
        int s = size == null ? 20 : size;
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.badRequest("size", "size must be between 1 and " + MAX_SIZE);
        }
        String t = tag == null || tag.isBlank() ? null : TaskChanges.normalizeTag(tag);
        String text = q == null || q.isBlank() ? null : q.trim();
        return new TaskQuery(st, pr, t, text, so, asc, p, s);
    }
}
