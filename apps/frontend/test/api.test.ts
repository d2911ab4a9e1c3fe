import { describe, expect, it, vi } from "vitest";
import { api, ApiError, changesTasks, onUnauthorized, parseTags, request, taskQueryString } from "@/lib/api";
import { json, stubBackend } from "./http";

describe("task query string", () => {
  it("sends every filter the person chose, in the API's names", () => {
    const qs = taskQueryString({ status: "open", priority: "high", tag: " Work ", q: " milk ", sort: "due", order: "asc", page: 2, size: 50 });
    const params = new URLSearchParams(qs.slice(1));
    expect(Object.fromEntries(params)).toEqual({
      status: "open",
      priority: "high",
      tag: "work",
      q: "milk",
      sort: "due",
      order: "asc",
      page: "2",
      size: "50",
    });
  });

  it("leaves out empty filters", () => {
    expect(taskQueryString({ status: "all", priority: "", tag: "  ", q: "" })).toBe("?status=all");
    expect(taskQueryString({})).toBe("");
  });
});

describe("tags typed by a person", () => {
  it("are trimmed, lower-cased and not repeated", () => {
    expect(parseTags("Home, urgent ,home,, ")).toEqual(["home", "urgent"]);
    expect(parseTags("")).toEqual([]);
  });
});

describe("whether a reply changed tasks", () => {
  it("is true for add, complete, delete and update, not for listing", () => {
    expect(changesTasks([{ tool: "list_tasks" }])).toBe(false);
    expect(changesTasks([])).toBe(false);
    expect(changesTasks(undefined)).toBe(false);
    for (const tool of ["add_task", "complete_task", "delete_task", "update_task"]) {
      expect(changesTasks([{ tool: "list_tasks" }, { tool }])).toBe(true);
    }
  });
});

describe("requests", () => {
  it("turn the backend's {error, field} into an ApiError with that message and field", async () => {
    stubBackend({ "POST /api/tasks": () => json(400, { error: "title must not be blank", field: "title" }) });
    const error = await api.createTask({ title: "" }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe("title must not be blank");
    expect(error.field).toBe("title");
  });

  it("explain a server error that has no JSON body", async () => {
    stubBackend({ "GET /api/tasks": () => json(502, "<html>Bad gateway</html>") });
    const error = await api.listTasks({}).catch((e) => e);
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/server had a problem/i);
  });

  it("report a network failure as status 0 with a message for a person", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    const error = await api.listTasks({}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/cannot reach the server/i);
  });

  it("tell listeners about a 401 on a protected call, but not on log-in", async () => {
    stubBackend({
      "GET /api/tasks": () => json(401, { error: "not logged in" }),
      "POST /api/auth/login": () => json(401, { error: "wrong e-mail or password" }),
    });
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    await api.login("a@b.c", "wrongpass").catch(() => undefined);
    expect(listener).not.toHaveBeenCalled();
    await api.listTasks({}).catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it("keep the page on a 401 from a write, so nothing typed is lost, and say why it failed", async () => {
    stubBackend({ "PATCH /api/tasks/:id": () => json(401, { error: "Authentication required" }) });
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    const error = await api.updateTask(7, { title: "typed text" }).catch((e: unknown) => e);
    expect(listener).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("Your session has ended. Please log in again. What you typed is still here.");
    stop();
  });

  it("send JSON with the same-origin cookie and never an Authorization header", async () => {
    const backend = stubBackend({ "PATCH /api/tasks/:id": (r) => json(200, { id: 7, ...(r.body as object) }) });
    await api.updateTask(7, { completed: true });
    const init = backend.fetchMock.mock.calls[0][1] as RequestInit;
    expect(init.credentials).toBe("same-origin");
    expect(init.headers).not.toHaveProperty("Authorization");
    expect(backend.calls[0]).toMatchObject({ method: "PATCH", path: "/api/tasks/7", body: { completed: true } });
  });

  it("return nothing for 204 No Content", async () => {
    stubBackend({ "DELETE /api/tasks/:id": () => json(204) });
    await expect(api.deleteTask(3)).resolves.toBeUndefined();
  });

  it("only add conversationId to a chat message when continuing a conversation", async () => {
    const backend = stubBackend({ "POST /api/chat": () => json(200, { conversationId: 1, reply: "ok", actions: [] }) });
    await api.chat("hello");
    await api.chat("again", 1);
    expect(backend.calls.map((c) => c.body)).toEqual([{ message: "hello" }, { conversationId: 1, message: "again" }]);
  });

  it("fail clearly when a 200 carries no JSON", async () => {
    stubBackend({ "GET /api/auth/me": () => json(200, "") });
    await expect(request("/api/auth/me")).rejects.toThrow(/could not read/i);
  });
});
