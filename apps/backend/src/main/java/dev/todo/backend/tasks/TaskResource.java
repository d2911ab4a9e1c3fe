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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.todo.backend.auth.CurrentUser;
import io.quarkus.security.Authenticated;

@Path("/api/tasks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "The caller's own tasks")
public class TaskResource {

    /** For the OpenAPI document: the fields a create or an update accepts. */
    public record TaskInput(String title, String description, Boolean completed, Priority priority,
            java.time.LocalDate dueDate, java.util.List<String> tags) {
    }

    @Inject
    TaskService tasks;
    @Inject
    CurrentUser user;

    @GET
    @Operation(summary = "List, filter, sort and page the caller's tasks")
    public TaskPage list(
            @Parameter(description = "all (default), open or completed") @QueryParam("status") String status,
            @Parameter(description = "low, medium or high") @QueryParam("priority") String priority,
            @Parameter(description = "only tasks with this tag") @QueryParam("tag") String tag,
            @Parameter(description = "text in the title or description (case-insensitive)") @QueryParam("q") String q,
            @Parameter(description = "created (default), due or priority") @QueryParam("sort") String sort,
            @Parameter(description = "asc or desc; default desc, except asc for due") @QueryParam("order") String order,
            @Parameter(description = "page number from 0") @QueryParam("page") String page,
            @Parameter(description = "page size, 1-100, default 20") @QueryParam("size") String size) {
        return tasks.list(user.id(), TaskQuery.parse(status, priority, tag, q, sort, order,
                TaskQuery.number("page", page), TaskQuery.number("size", size)));
    }

    @POST
    @Operation(summary = "Create a task (title required)")
    public Response create(@RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TaskInput.class))) JsonNode body) {
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
    public Task patch(@PathParam("id") long id, @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TaskInput.class))) JsonNode body) {
        return tasks.update(user.id(), id, TaskChanges.fromJson(body));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Same as PATCH")
    public Task put(@PathParam("id") long id, @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = TaskInput.class))) JsonNode body) {
        return patch(id, body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a task")
    public Response delete(@PathParam("id") long id) {
        tasks.delete(user.id(), id);
        return Response.noContent().build();
    }
}
