package dev.todo.backend.auth;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.todo.backend.web.ApiException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.Authenticated;

@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AuthResource {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** Compared against when the e-mail is unknown, so both failures take as long. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password");

    public record SignupRequest(String email, String password, String displayName) {
    }

    public record LoginRequest(String email, String password) {
    }

    public record Session(String token, User user) {
    }

    @Inject
    UserRepository users;
    @Inject
    TokenService tokens;
    @Inject
    CurrentUser currentUser;
    @ConfigProperty(name = "todo.cookie.secure")
    boolean secureCookie;
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.HttpHeaders headers;
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @POST
    @Path("/signup")
    @Operation(summary = "Create an account; returns a session token and sets the todo_session cookie")
    public Response signup(SignupRequest body) {
        if (body == null) {
            throw ApiException.badRequest("email", "Send {email, password, displayName?}");
        }
        String email = normalizeEmail(body.email());
        if (body.password() == null || body.password().length() < 8) {
            throw ApiException.badRequest("password", "The password needs at least 8 characters");
        }
        // bcrypt reads 72 bytes and ignores the rest, so longer passwords (in UTF-8) are refused.
        if (body.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw ApiException.badRequest("password", "The password can have at most 72 bytes (72 letters without accents)");
        }
        String name = body.displayName() == null || body.displayName().isBlank()
                ? email.substring(0, Math.min(email.indexOf('@'), 200))
                : body.displayName().trim();
        if (name.length() > 200) {
            throw ApiException.badRequest("displayName", "The display name can have at most 200 characters");
        }
        User user = users.create(email, name, BcryptUtil.bcryptHash(body.password()))
                .orElseThrow(() -> new ApiException(409, "An account with this e-mail already exists; log in instead", "email"));
        return session(Response.status(201), user);
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in; returns a session token and sets the todo_session cookie")
    public Response login(LoginRequest body) {
        if (body == null || body.email() == null || body.email().isBlank()) {
            throw ApiException.badRequest("email", "The e-mail is required");
        }
        if (body.password() == null || body.password().isEmpty()) {
            throw ApiException.badRequest("password", "The password is required");
        }
        var stored = users.findByEmail(body.email().trim().toLowerCase(Locale.ROOT));
        boolean ok = BcryptUtil.matches(body.password(), stored.map(UserRepository.StoredUser::passwordHash).orElse(DUMMY_HASH));
        if (stored.isEmpty() || !ok) {
            throw ApiException.unauthorized("Wrong e-mail or password");
        }
        return session(Response.ok(), stored.get().user());
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Clear the session cookie")
    public Response logout() {
        return Response.noContent().cookie(cookie("", 0)).build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The logged-in user")
    public User me() {
        return users.findById(currentUser.id()).orElseThrow(() -> ApiException.unauthorized("This account no longer exists"));
    }

    private Response session(Response.ResponseBuilder response, User user) {
        String token = tokens.issue(user);
        return response.entity(new Session(token, user)).cookie(cookie(token, (int) tokens.lifetime().toSeconds())).build();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(TokenAuthenticationMechanism.COOKIE)
                .value(value).path("/").httpOnly(true).secure(overHttps())
                .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    /** Secure cookies when COOKIE_SECURE is set or the request came over HTTPS (directly or via a TLS-terminating ingress). */
    private boolean overHttps() {
        return secureCookie || "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                || "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
    }

    private static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.badRequest("email", "The e-mail is required");
        }
        String e = email.trim().toLowerCase(Locale.ROOT);
        if (e.length() > 320 || !EMAIL.matcher(e).matches()) {
            throw ApiException.badRequest("email", "This is not a valid e-mail address");
        }
        return e;
    }
}
