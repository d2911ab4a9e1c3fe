package dev.todo.backend.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a verified session token into an identity whose principal name is the user id. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    TokenService tokens;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Inject
    UserRepository users;

    /**
     * A token names its user by id and e-mail; both must still match a user. Ids are assigned in
     * order, so after a database reset (or a move to another database with the same JWT_SECRET) an
     * old token's id can belong to somebody else: the e-mail tells them apart.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        var subject = tokens.verify(request.getToken().getToken());
        if (subject.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid or expired token"));
        }
        long userId = subject.get().userId();
        return context.runBlocking(() -> {
            boolean sameUser = users.findById(userId).map(u -> u.email().equals(subject.get().email())).orElse(false);
            if (!sameUser) {
                throw new AuthenticationFailedException("the token's user no longer exists");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(Long.toString(userId)))
                    .addCredential(request.getToken())
                    .addRole("user")
                    .build();
        });
    }
}
