package dev.todo.backend.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.todo.backend.db.Database;
import dev.todo.backend.db.DatabaseException;

@ApplicationScoped
public class UserRepository {

    /** A stored account with its hash, for the login check only. */
    public record StoredUser(User user, String passwordHash) {
    }

    @Inject
    Database db;

    /** @return the new user, or empty when the e-mail is taken */
    public Optional<User> create(String email, String displayName, String passwordHash) {
        try {
            return Optional.of(db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO users (email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, email);
                    ps.setString(2, displayName);
                    ps.setString(3, passwordHash);
                    ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        return new User(keys.getLong(1), email, displayName);
                    }
                }
            }));
        } catch (DatabaseException e) {
            if ("23505".equals(e.sqlState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<StoredUser> findByEmail(String email) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, email, display_name, password_hash FROM users WHERE email = ?")) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredUser(read(rs), rs.getString(4))) : Optional.empty();
                }
            }
        });
    }

    public Optional<User> findById(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, email, display_name FROM users WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    private static User read(ResultSet rs) throws SQLException {
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3));
    }
}
