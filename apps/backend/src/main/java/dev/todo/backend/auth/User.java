package dev.todo.backend.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An account as the API shows it (never the password hash). */
@Schema(requiredProperties = { "id", "email", "displayName" })
public record User(long id, String email, String displayName) {
}
