package dev.todo.backend.tasks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.todo.backend.db.Database;

/** SQL for tasks; every statement is restricted to one user's rows. */
@ApplicationScoped
public class TaskRepository {

    private static final String COLUMNS = "id, title, description, completed, priority, due_date, tags, created_at, updated_at";

    @Inject
    Database db;

    public Task insert(long userId, TaskChanges c) {
        Instant now = now();
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO tasks (user_id, title, description, completed, priority, due_date, tags, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                Priority priority = c.priority == null ? Priority.MEDIUM : c.priority;
                List<String> tags = c.tags == null ? List.of() : c.tags;
                boolean completed = c.completed != null && c.completed;
                ps.setLong(1, userId);
                ps.setString(2, c.title);
                ps.setString(3, c.description);
                ps.setBoolean(4, completed);
                ps.setShort(5, (short) priority.rank);
                ps.setObject(6, c.dueDate);
                ps.setString(7, joinTags(tags));
                ps.setObject(8, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setObject(9, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Task(keys.getLong(1), c.title, c.description, completed, priority, c.dueDate, tags, now, now);
                }
            }
        });
    }

    public Optional<Task> find(long userId, long id) {
        return db.withConnection(conn -> find(conn, userId, id));
    }

    private Optional<Task> find(Connection conn, long userId, long id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE id = ? AND user_id = ?")) {
            ps.setLong(1, id);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Task> update(long userId, long id, TaskChanges c) {
        return db.inTransaction(conn -> {
            List<String> sets = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            if (c.hasTitle) {
                sets.add("title = ?");
                args.add(c.title);
            }
            if (c.hasDescription) {
                sets.add("description = ?");
                args.add(c.description);
            }
            if (c.completed != null) {
                sets.add("completed = ?");
                args.add(c.completed);
            }
            if (c.priority != null) {
                sets.add("priority = ?");
                args.add((short) c.priority.rank);
            }
            if (c.hasDueDate) {
                sets.add("due_date = ?");
                args.add(c.dueDate);
            }
            if (c.tags != null) {
                sets.add("tags = ?");
                args.add(joinTags(c.tags));
            }
            sets.add("updated_at = ?");
            args.add(OffsetDateTime.ofInstant(now(), ZoneOffset.UTC));
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE tasks SET " + String.join(", ", sets) + " WHERE id = ? AND user_id = ?")) {
                int i = bind(ps, args);
                ps.setLong(i++, id);
                ps.setLong(i, userId);
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return find(conn, userId, id);
        });
    }

    public boolean delete(long userId, long id) {
        return db.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM tasks WHERE id = ? AND user_id = ?")) {
                ps.setLong(1, id);
                ps.setLong(2, userId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public TaskPage list(long userId, TaskQuery q) {
        StringBuilder where = new StringBuilder(" WHERE user_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(userId);
        if (q.status() == TaskQuery.Status.OPEN) {
            where.append(" AND completed = FALSE");
        } else if (q.status() == TaskQuery.Status.COMPLETED) {
            where.append(" AND completed = TRUE");
        }
        if (q.priority() != null) {
            where.append(" AND priority = ?");
            args.add((short) q.priority().rank);
        }
        if (q.tag() != null) {
            where.append(" AND tags LIKE ? ESCAPE '!'");
            args.add("%," + escapeLike(q.tag()) + ",%");
        }
        if (q.text() != null) {
            where.append(" AND (LOWER(title) LIKE ? ESCAPE '!' OR LOWER(COALESCE(description, '')) LIKE ? ESCAPE '!')");
            String pattern = "%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%";
            args.add(pattern);
            args.add(pattern);
        }
        String dir = q.ascending() ? "ASC" : "DESC";
        String order = switch (q.sort()) {
            case CREATED -> " ORDER BY created_at " + dir + ", id " + dir;
            // tasks without a due date come last in either direction
            case DUE -> " ORDER BY CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, due_date " + dir + ", id " + dir;
            case PRIORITY -> " ORDER BY priority " + dir + ", created_at DESC, id DESC";
        };
        return db.withConnection(conn -> {
            long total;
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM tasks" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Task> items = new ArrayList<>();
            if (total > (long) q.page() * q.size()) {
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT " + COLUMNS + " FROM tasks" + where + order + " LIMIT ? OFFSET ?")) {
                    int i = bind(ps, args);
                    ps.setInt(i++, q.size());
                    ps.setLong(i, (long) q.page() * q.size());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(read(rs));
                        }
                    }
                }
            }
            return new TaskPage(items, q.page(), q.size(), total);
        });
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            ps.setObject(i++, a);
        }
        return i;
    }

    private static Task read(ResultSet rs) throws SQLException {
        String tags = rs.getString(7);
        List<String> tagList = tags == null || tags.length() <= 2 ? List.of()
                : Arrays.asList(tags.substring(1, tags.length() - 1).split(","));
        return new Task(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                Priority.ofRank(rs.getShort(5)), rs.getObject(6, LocalDate.class), tagList,
                rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getObject(9, OffsetDateTime.class).toInstant());
    }

    static String joinTags(List<String> tags) {
        return tags.isEmpty() ? "," : "," + String.join(",", tags) + ",";
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
