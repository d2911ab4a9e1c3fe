package dev.todo.backend.chat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.todo.backend.assistant.Action;
import dev.todo.backend.db.Database;

/** Conversations and their messages, in the database (no chat state lives in memory). */
@ApplicationScoped
public class ConversationRepository {

    private static final TypeReference<List<Action>> ACTIONS = new TypeReference<>() {
    };

    @Inject
    Database db;
    @Inject
    ObjectMapper json;

    public Conversation create(long userId, String title) {
        Instant now = now();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO conversations (user_id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, userId);
                ps.setString(2, title);
                ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Conversation(keys.getLong(1), title, now, now);
                }
            }
        });
    }

    public Optional<Conversation> find(long userId, long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, title, created_at, updated_at FROM conversations WHERE id = ? AND user_id = ?")) {
                ps.setLong(1, id);
                ps.setLong(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readConversation(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<Conversation> list(long userId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, title, created_at, updated_at FROM conversations WHERE user_id = ? ORDER BY updated_at DESC, id DESC")) {
                ps.setLong(1, userId);
                List<Conversation> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readConversation(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Appends a message and touches the conversation, in one transaction. */
    public ChatMessage append(long conversationId, String role, String content, List<Action> actions) {
        Instant now = now();
        String actionsJson;
        try {
            actionsJson = json.writeValueAsString(actions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO messages (conversation_id, role, content, actions, created_at) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, conversationId);
                ps.setString(2, role);
                ps.setString(3, content);
                ps.setString(4, actionsJson);
                ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET updated_at = ? WHERE id = ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setLong(2, conversationId);
                ps.executeUpdate();
            }
            return new ChatMessage(id, role, content, actions, now);
        });
    }

    /** The conversation's messages, oldest first; {@code limit} keeps the newest ones. */
    public List<ChatMessage> messages(long conversationId, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, role, content, actions, created_at FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?")) {
                ps.setLong(1, conversationId);
                ps.setInt(2, limit);
                List<ChatMessage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(0, new ChatMessage(rs.getLong(1), rs.getString(2), rs.getString(3), actions(rs.getString(4)),
                                rs.getObject(5, OffsetDateTime.class).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    private List<Action> actions(String s) {
        try {
            return json.readValue(s, ACTIONS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static Conversation readConversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
