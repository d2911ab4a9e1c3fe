package dev.todo.backend.web;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.todo.backend.db.DatabaseException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure into {@code {error, field}} JSON with the right status; never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    AllowedMethods allowedMethods;

    static Response json(int status, String message, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message, field)).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder r = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(new ApiError(e.getMessage(), e.field()));
        if (e.retryAfterSeconds() > 0) {
            r.header("Retry-After", e.retryAfterSeconds());
        }
        return r.build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e) {
        return Response.status(401).type(MediaType.APPLICATION_JSON).header("WWW-Authenticate", "Bearer")
                .entity(new ApiError("Log in first: send 'Authorization: Bearer <token>' or the todo_session cookie", null)).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, "Not allowed", null);
    }

    /** Named one by one: quarkus-rest-jackson maps MismatchedInputException itself, to a 400 without a body. */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class })
    public Response badJson(JsonProcessingException e) {
        String field = null;
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return json(400, "Unknown field '" + u.getPropertyName() + "'", u.getPropertyName());
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            return json(400, field != null ? "'" + field + "' has the wrong type" : "The request body has the wrong shape", field);
        }
        return json(400, "The request body is not valid JSON", null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, "Not found", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        // RFC 9110: a 405 lists the methods the resource has.
        String allow = allowedMethods.forPath(uri.getPath());
        return Response.status(405).type(MediaType.APPLICATION_JSON).header("Allow", allow)
                .entity(new ApiError("Method not allowed", null)).build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return json(415, "Send JSON with 'Content-Type: application/json'", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (status >= 500) {
            LOG.error("Request failed", e);
            return json(status, "Internal error", null);
        }
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return badJson(jpe);
        }
        return json(status, status == 400 ? "Bad request" : "Request failed", null);
    }

    @ServerExceptionMapper
    public Response database(DatabaseException e) {
        LOG.error("Database failure", e);
        return json(503, "The database is unavailable, try again shortly", null);
    }

    @ServerExceptionMapper
    public Response anything(Throwable e) {
        LOG.error("Unexpected failure", e);
        return json(500, "Internal error", null);
    }
}
