package dev.todo.backend.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller of this request; every task, conversation and tool call is scoped to it. */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    public long id() {
        if (identity == null || identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return Long.parseLong(identity.getPrincipal().getName());
    }
}
