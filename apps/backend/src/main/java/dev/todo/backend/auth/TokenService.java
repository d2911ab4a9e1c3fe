package dev.todo.backend.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Session tokens: HS256 JWTs signed with {@code JWT_SECRET}, subject = user id. Any replica holding
 * the same secret verifies them, so sessions need no server-side state.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class TokenService {

    public static final int MIN_SECRET_LENGTH = 32;

    private final SecretKey key;
    private final JwtConsumer consumer;
    private final String issuer;
    private final Duration lifetime;

    @Inject
    public TokenService(@ConfigProperty(name = "todo.jwt.secret") java.util.Optional<String> secret,
            @ConfigProperty(name = "todo.jwt.issuer") String issuer,
            @ConfigProperty(name = "todo.jwt.lifetime") Duration lifetime) {
        String s = secret.orElse("");
        if (s.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(s.isEmpty()
                    ? "JWT_SECRET is not set. Set JWT_SECRET to a random string of at least " + MIN_SECRET_LENGTH
                            + " characters (e.g. `openssl rand -hex 32`), or run with QUARKUS_PROFILE=dev for a local, insecure key."
                    : "JWT_SECRET is too short: it needs at least " + MIN_SECRET_LENGTH + " characters, it has " + s.length() + ".");
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(issuer)
                .setVerificationKey(new HmacKey(bytes))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    public String issue(User user) {
        return Jwt.issuer(issuer)
                .subject(Long.toString(user.id()))
                .upn(user.email())
                .expiresIn(lifetime)
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(key);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Whom a valid token was issued to: the user's id and e-mail at the time. */
    public record Subject(long userId, String email) {
    }

    /** @return whom a valid token names, or empty when the token is forged, expired or malformed */
    public java.util.Optional<Subject> verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String email = claims.getStringClaimValue("upn");
            return email == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new Subject(Long.parseLong(claims.getSubject()), email));
        } catch (InvalidJwtException | NumberFormatException | org.jose4j.jwt.MalformedClaimException e) {
            return java.util.Optional.empty();
        }
    }
}
