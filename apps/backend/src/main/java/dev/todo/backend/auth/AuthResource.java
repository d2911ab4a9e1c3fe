package dev.todo.backend.auth;

import java.nio.charset.StandardCharsets;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.todo.backend.web.ApiError;
import dev.todo.backend.web.ApiException;
import dev.todo.backend.web.ClientAddress;
import dev.todo.backend.web.Text;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.Authenticated;

@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AuthResource {

    /** An e-mail address as the OpenAPI document allows it; white space around it is dropped. */
    static final String EMAIL_PATTERN = "^[" + Text.SPACE + "]*[^@\\x00" + Text.SPACE + "]+@[^@\\x00" + Text.SPACE + "]+\\.[^@\\x00"
            + Text.SPACE + "]+[" + Text.SPACE + "]*$";
    private static final Pattern EMAIL = Pattern.compile(EMAIL_PATTERN);
    static final int MAX_EMAIL = 320;
    static final int MIN_PASSWORD = 8;
    /** bcrypt reads 72 bytes and ignores the rest, so longer passwords (in UTF-8) are refused. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_DISPLAY_NAME = 200;
    /** Compared against when the e-mail is unknown, so both failures take as long. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password");

    public record SignupRequest(
            @Schema(required = true, maxLength = MAX_EMAIL, pattern = EMAIL_PATTERN, description = "Trimmed and stored in lower case")
            String email,
            @Schema(required = true, minLength = MIN_PASSWORD, maxLength = MAX_PASSWORD_BYTES,
                    description = "8 to 72 characters, and at most 72 bytes in UTF-8 (bcrypt ignores the rest): 72 letters without accents")
            String password,
            @Schema(nullable = true, maxLength = MAX_DISPLAY_NAME, pattern = Text.NO_NUL, description = "Trimmed; left out, null or blank: the part of the e-mail before '@'")
            String displayName) {
    }

    public record LoginRequest(
            @Schema(required = true, pattern = Text.NOT_BLANK) String email,
            @Schema(required = true, minLength = 1) String password) {
    }

    @Schema(requiredProperties = { "token", "user" })
    public record Session(@Schema(description = "Send it as 'Authorization: Bearer <token>'") String token, User user) {
    }

    @Inject
    UserRepository users;
    @Inject
    TokenService tokens;
    @Inject
    CurrentUser currentUser;
    @Inject
    LoginThrottle throttle;
    @Inject
    ClientAddress clientAddress;
    @ConfigProperty(name = "todo.cookie.secure")
    boolean secureCookie;
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.HttpHeaders headers;
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @POST
    @Path("/signup")
    @Operation(summary = "Create an account; returns a session token and sets the todo_session cookie")
    @APIResponse(responseCode = "201", description = "The account exists; the session is in the body and the todo_session cookie",
            content = @Content(schema = @Schema(implementation = Session.class)))
    @APIResponse(responseCode = "409", description = "An account with this e-mail already exists",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response signup(SignupRequest body) {
        if (body == null) {
            throw ApiException.badRequest("email", "Send {email, password, displayName?}");
        }
        String email = normalizeEmail(body.email());
        if (body.password() == null || Text.length(body.password()) < MIN_PASSWORD) {
            throw ApiException.badRequest("password", "The password needs at least " + MIN_PASSWORD + " characters");
        }
        if (body.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("password", "The password can have at most 72 bytes (72 letters without accents)");
        }
        Text.refuseNul("displayName", body.displayName());
        if (body.displayName() != null && Text.length(body.displayName()) > MAX_DISPLAY_NAME) {
            throw ApiException.badRequest("displayName", "The display name can have at most " + MAX_DISPLAY_NAME + " characters");
        }
        String name = Text.isBlank(body.displayName())
                ? email.substring(0, Math.min(email.indexOf('@'), MAX_DISPLAY_NAME))
                : Text.strip(body.displayName());
        User user = users.create(email, name, BcryptUtil.bcryptHash(body.password()))
                .orElseThrow(() -> new ApiException(409, "An account with this e-mail already exists; log in instead", "email"));
        return session(Response.status(201), user);
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in; returns a session token and sets the todo_session cookie")
    @APIResponse(responseCode = "200", description = "Logged in; the session is in the body and the todo_session cookie",
            content = @Content(schema = @Schema(implementation = Session.class)))
    @APIResponse(responseCode = "401", description = "Wrong e-mail or password (the answer does not say which)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Too many sign-in attempts for this account or from this address; "
            + "Retry-After says in how many seconds to try again",
            headers = @Header(name = "Retry-After", required = true, description = "Seconds to wait before the next attempt",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response login(LoginRequest body) {
        if (body == null || Text.isBlank(body.email())) {
            throw ApiException.badRequest("email", "The e-mail is required");
        }
        if (body.password() == null || body.password().isEmpty()) {
            throw ApiException.badRequest("password", "The password is required");
        }
        Text.refuseNul("email", body.email());
        String email = Text.strip(body.email()).toLowerCase(Locale.ROOT);
        // Before the bcrypt comparison: it is the expensive part, and what a guesser wants many of.
        throttle.attempt(email, clientAddress.get());
        var stored = users.findByEmail(email);
        boolean ok = BcryptUtil.matches(body.password(), stored.map(UserRepository.StoredUser::passwordHash).orElse(DUMMY_HASH));
        if (stored.isEmpty() || !ok) {
            throttle.failed(email);
            throw ApiException.unauthorized("Wrong e-mail or password");
        }
        throttle.succeeded(email);
        return session(Response.ok(), stored.get().user());
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Clear the session cookie")
    @APIResponse(responseCode = "204", description = "The cookie is cleared (the token itself stays valid until it expires)")
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
        if (Text.isBlank(email)) {
            throw ApiException.badRequest("email", "The e-mail is required");
        }
        if (Text.length(email) > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("email", "This is not a valid e-mail address");
        }
        String e = Text.strip(email).toLowerCase(Locale.ROOT);
        if (Text.length(e) > MAX_EMAIL) { // lower case can be longer (the dotted capital I becomes two characters)
            throw ApiException.badRequest("email", "This is not a valid e-mail address");
        }
        return e;
    }
}
