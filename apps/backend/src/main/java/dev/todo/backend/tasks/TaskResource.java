package dev.todo.backend.tasks;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.todo.backend.auth.CurrentUser;
import dev.todo.backend.web.ApiException;
import dev.todo.backend.web.Text;
import io.quarkus.security.Authenticated;

@Path("/api/tasks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "The caller's own tasks")
public class TaskResource {

    /**
     * For the OpenAPI document: the fields an update accepts (a create takes the same, with the title required:
     * {@code TaskCreate}, made by {@link dev.todo.backend.web.ApiContract}). {@link TaskChanges} checks each one
     * exactly as declared here.
     */
    @Schema(name = "TaskUpdate", additionalProperties = Schema.False.class,
            description = "A field left out stays as it is; id, createdAt and updatedAt are ignored, so that a whole Task can be sent back")
    public record TaskFields(
            @Schema(minLength = 1, maxLength = TaskChanges.MAX_TITLE, pattern = Text.NOT_BLANK,
                    description = "Not blank; white space around it is dropped") String title,
            @Schema(nullable = true, maxLength = TaskChanges.MAX_DESCRIPTION, pattern = Text.NO_NUL, description = "null or blank: no description") String description,
            Boolean completed,
            Priority priority,
            @Schema(nullable = true, type = SchemaType.STRING, format = "date", description = "YYYY-MM-DD; null: no due date") LocalDate dueDate,
            @Schema(nullable = true, maxItems = TaskChanges.MAX_TAGS,
                    description = "Stored trimmed, in lower case, without a leading '#', duplicates once; null or []: no tags") List<String> tags,
            @Schema(description = "Ignored") Object id,
            @Schema(description = "Ignored") Object createdAt,
            @Schema(description = "Ignored") Object updatedAt) {
    }

    @Inject
    TaskService tasks;
    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "List, filter, sort and page the caller's tasks")
    public TaskPage list(
            @Parameter(description = "all (default), open or completed", schema = @Schema(enumeration = { "all", "open", "completed" }))
            @QueryParam("status") String status,
            @Parameter(description = "low, medium or high", schema = @Schema(enumeration = { "low", "medium", "high" }))
            @QueryParam("priority") String priority,
            @Parameter(description = "only tasks with this tag (case and a leading # ignored)") @QueryParam("tag") String tag,
            @Parameter(description = "text in the title or description (case-insensitive)") @QueryParam("q") String q,
            @Parameter(description = "created (default), due or priority", schema = @Schema(enumeration = { "created", "due", "priority" }))
            @QueryParam("sort") String sort,
            @Parameter(description = "asc or desc; default desc, except asc for due", schema = @Schema(enumeration = { "asc", "desc" }))
            @QueryParam("order") String order,
            @Parameter(description = "page number from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "2147483647"))
            @QueryParam("page") String page,
            @Parameter(description = "page size, 1-100, default 20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + TaskQuery.MAX_SIZE))
            @QueryParam("size") String size) {
        // A parameter sent empty is a mistake (the document allows no empty value), not the default.
        notEmpty("status", status);
        notEmpty("priority", priority);
        notEmpty("sort", sort);
        notEmpty("order", order);
        notEmpty("page", page);
        notEmpty("size", size);
        TaskQuery query = TaskQuery.parse(status, priority, tag, q, sort, order, TaskQuery.number("page", page), TaskQuery.number("size", size));
        if (tag != null && tag.indexOf('\0') >= 0 || q != null && q.indexOf('\0') >= 0) {
            // No stored text holds NUL (Text.NO_NUL), and PostgreSQL cannot even be asked for it.
            return new TaskPage(List.of(), query.page(), query.size(), 0);
        }
        return tasks.list(user.id(), query);
    }

    private static void notEmpty(String name, String value) {
        if (value != null && Text.isBlank(value)) {
            throw ApiException.badRequest(name, name + " cannot be empty: leave it out for the default");
        }
    }

    @POST
    @Operation(summary = "Create a task (title required)")
    @APIResponse(responseCode = "201", description = "The task, as stored", content = @Content(schema = @Schema(implementation = Task.class)))
    public Response create(@RequestBody(content = @Content(
            schema = @Schema(ref = "TaskCreate"))) JsonNode body) {
        return Response.status(201).entity(tasks.create(user.id(), TaskChanges.fromJson(body))).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One task")
    public Task get(@PathParam("id") long id) {
        return tasks.get(user.id(), id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change any subset of title, description, completed, priority, dueDate, tags")
    public Task patch(@PathParam("id") long id, @RequestBody(content = @Content(
            schema = @Schema(implementation = TaskFields.class))) JsonNode body) {
        return tasks.update(user.id(), id, TaskChanges.fromJson(body));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Same as PATCH")
    public Task put(@PathParam("id") long id, @RequestBody(content = @Content(
            schema = @Schema(implementation = TaskFields.class))) JsonNode body) {
        return patch(id, body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a task")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") long id) {
        tasks.delete(user.id(), id);
        return Response.noContent().build();
    }
}
