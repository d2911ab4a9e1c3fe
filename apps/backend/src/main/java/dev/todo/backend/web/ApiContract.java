package dev.todo.backend.web;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.todo.backend.tasks.TaskChanges;

/**
 * The parts of the OpenAPI document (/q/openapi) that annotations cannot say, so that the document
 * is the server's contract (schemathesis holds the server to it, scripts/e2e/api-contract.sh):
 * <ul>
 * <li>the answers every operation can give by its shape: 400 when it reads a body or query
 * parameters, 404 when a path names something, 401 when it needs a session, 413 and 415 when it
 * takes a body, 503 when it reads the database, 500 for the unexpected; 403, which nothing here
 * answers, is dropped;</li>
 * <li>{@code TaskCreate}: {@code TaskUpdate} with the title required;</li>
 * <li>the tags' own limits, and the fields a task update ignores (any value).</li>
 * </ul>
 */
public class ApiContract implements OASFilter {

    /** Operations that never touch the database. */
    private static final Set<String> NO_DATABASE = Set.of("GET /api/assistant", "POST /api/auth/logout");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Schema update = schemas.get("TaskUpdate");
        Schema tags = update.getProperties().get("tags");
        tags.setItems(OASFactory.createSchema().addType(Schema.SchemaType.STRING).minLength(1).maxLength(TaskChanges.MAX_TAG)
                .pattern(TaskChanges.TAG_PATTERN).description("1 to " + TaskChanges.MAX_TAG
                        + " characters, no comma, something besides white space and '#'"));
        for (String ignored : new String[] { "id", "createdAt", "updatedAt" }) {
            update.addProperty(ignored, OASFactory.createSchema().description("Ignored (any value)"));
        }
        api.getComponents().addSchema("TaskCreate", OASFactory.createSchema()
                .description("A new task: the fields of TaskUpdate, with the title required")
                .addAllOf(OASFactory.createSchema().ref("TaskUpdate")).addRequired("title"));

        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, op) -> declareAnswers(method + " " + path, op));
            }
        });
    }

    private static void declareAnswers(String name, Operation op) {
        APIResponses responses = op.getResponses();
        boolean body = op.getRequestBody() != null;
        boolean query = op.getParameters() != null && op.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean path = op.getParameters() != null && op.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        responses.removeAPIResponse("403");
        if (body || query) {
            error(responses, "400", "Invalid input: the message names the field at fault");
        }
        if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
            responses.removeAPIResponse("401");
            error(responses, "401", "No session, or an invalid or expired one");
        }
        if (path) {
            error(responses, "404", "Not found, or not the caller's");
        }
        if (body) {
            error(responses, "413", "The body is larger than MAX_BODY_SIZE (128 KiB unless configured)");
            error(responses, "415", "The body is not sent as 'Content-Type: application/json'");
        }
        error(responses, "500", "An unexpected failure (logged; never a stack trace)");
        if (!NO_DATABASE.contains(name)) {
            error(responses, "503", "The database is unavailable; try again shortly");
        }
    }

    private static void error(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("ApiError")))));
    }
}
