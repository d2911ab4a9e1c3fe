package dev.todo.backend.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.todo.backend.web.ApiException;

/**
 * Task operations for one user, identified explicitly by id: the REST API, the assistants and
 * the MCP tools all come through here, so no path can reach another user's task.
 */
@ApplicationScoped
public class TaskService {

    @Inject
    TaskRepository repository;

    public Task create(long userId, TaskChanges changes) {
        if (!changes.hasTitle) {
            throw ApiException.badRequest("title", "The title is required");
        }
        return repository.insert(userId, changes);
    }

    public TaskPage list(long userId, TaskQuery query) {
        return repository.list(userId, query);
    }

    public Task get(long userId, long id) {
        return repository.find(userId, id).orElseThrow(() -> ApiException.notFound("Task " + id));
    }

    public Task update(long userId, long id, TaskChanges changes) {
        if (changes.isEmpty()) {
            return get(userId, id);
        }
        return repository.update(userId, id, changes).orElseThrow(() -> ApiException.notFound("Task " + id));
    }

    public void delete(long userId, long id) {
        if (!repository.delete(userId, id)) {
            throw ApiException.notFound("Task " + id);
        }
    }
}
