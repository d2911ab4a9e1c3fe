package dev.todo.backend.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Request bodies larger than MAX_BODY_SIZE ({@code quarkus.http.limits.max-body-size}) are refused
 * with 413 before they are read (OWASP API4). Quarkus refuses them too, with an empty body; this
 * route runs just before Quarkus's own and says why, in the API's error format. A chunked body
 * without a Content-Length is still cut off by Quarkus when it passes the limit (413, empty body).
 */
@ApplicationScoped
public class BodyLimit {

    /** Just before Quarkus's upload limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    private static final int ORDER = -3;

    void route(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        String message = "{\"error\":\"The request body is larger than the limit of " + describe(max) + "\"}";
        router.route().order(ORDER).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1; // Quarkus and Vert.x answer a malformed Content-Length themselves
            }
            if (declared > max) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close").end(message);
                return;
            }
            ctx.next();
        });
    }

    static String describe(long bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
