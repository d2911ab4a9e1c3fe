package dev.todo.backend.auth;

/** An account as the API shows it (never the password hash). */
public record User(long id, String email, String displayName) {
}
