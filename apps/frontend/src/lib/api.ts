// The browser's client for the backend's /api (docs/api.md). Requests are same-origin, so the
// httpOnly todo_session cookie travels with them; no token is ever kept in JavaScript.
import type {
  AssistantInfo,
  AuthResponse,
  ChatMessage,
  ChatReply,
  Conversation,
  Task,
  TaskInput,
  TaskPage,
  TaskPatch,
  TaskQuery,
  User,
} from "./types";

/** An error the backend reported ({error, field}), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly field: string | null;

  constructor(status: number, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.field = field;
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: "Cannot reach the server. Check your connection and try again.",
  400: "The request was not accepted.",
  401: "Your session has ended. Please log in again.",
  404: "Not found. It may have been deleted.",
  409: "That already exists.",
};

function fallbackMessage(status: number): string {
  if (FALLBACK_MESSAGES[status]) return FALLBACK_MESSAGES[status];
  if (status >= 500) return `The server had a problem (HTTP ${status}). Try again in a moment.`;
  return `Unexpected response (HTTP ${status}).`;
}

/** Listeners told when a read comes back 401, so the app can send the person to log in. */
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function request<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal; quietUnauthorized?: boolean } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers: init.body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: "no-store",
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, fallbackMessage(0));
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const body = (data ?? {}) as { error?: unknown; field?: unknown };
    const message = typeof body.error === "string" && body.error ? body.error : fallbackMessage(response.status);
    const field = typeof body.field === "string" && body.field ? body.field : null;
    if (response.status === 401 && !init.quietUnauthorized) {
      // A read sends the person to log in. A write does not: leaving the page would throw away
      // what they typed (a task being edited, a chat message), so the form says why it failed.
      if ((init.method ?? "GET") === "GET") unauthorizedListeners.forEach((l) => l());
      else throw new ApiError(401, `${fallbackMessage(401)} What you typed is still here.`);
    }
    throw new ApiError(response.status, message, field);
  }
  if (data === undefined) throw new ApiError(response.status, "The server sent a response the app could not read.");
  return data as T;
}

/** What to tell the person about a failed call: the backend's message, or {@code fallback}. */
export function errorMessage(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.message : fallback;
}

export function taskQueryString(query: Partial<TaskQuery>): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.priority) params.set("priority", query.priority);
  if (query.tag && query.tag.trim()) params.set("tag", query.tag.trim().toLowerCase());
  if (query.q && query.q.trim()) params.set("q", query.q.trim());
  if (query.sort) params.set("sort", query.sort);
  if (query.order) params.set("order", query.order);
  if (query.page !== undefined) params.set("page", String(query.page));
  if (query.size !== undefined) params.set("size", String(query.size));
  const s = params.toString();
  return s ? `?${s}` : "";
}

const id = (value: number | string) => encodeURIComponent(String(value));

export const api = {
  signup: (email: string, password: string, displayName?: string) =>
    request<AuthResponse>("/api/auth/signup", {
      method: "POST",
      body: displayName ? { email, password, displayName } : { email, password },
      quietUnauthorized: true,
    }),
  login: (email: string, password: string) =>
    request<AuthResponse>("/api/auth/login", { method: "POST", body: { email, password }, quietUnauthorized: true }),
  logout: () => request<void>("/api/auth/logout", { method: "POST", quietUnauthorized: true }),
  me: () => request<User>("/api/auth/me", { quietUnauthorized: true }),

  listTasks: (query: Partial<TaskQuery>, signal?: AbortSignal) =>
    request<TaskPage>(`/api/tasks${taskQueryString(query)}`, { signal }),
  createTask: (input: TaskInput) => request<Task>("/api/tasks", { method: "POST", body: input }),
  updateTask: (taskId: Task["id"], patch: TaskPatch) =>
    request<Task>(`/api/tasks/${id(taskId)}`, { method: "PATCH", body: patch }),
  deleteTask: (taskId: Task["id"]) => request<void>(`/api/tasks/${id(taskId)}`, { method: "DELETE" }),

  assistant: () => request<AssistantInfo>("/api/assistant"),
  chat: (message: string, conversationId?: Conversation["id"] | null) =>
    request<ChatReply>("/api/chat", {
      method: "POST",
      body: conversationId === undefined || conversationId === null ? { message } : { conversationId, message },
    }),
  conversations: () => request<Conversation[]>("/api/conversations"),
  messages: (conversationId: Conversation["id"]) =>
    request<ChatMessage[]>(`/api/conversations/${id(conversationId)}/messages`),
};

/** Tools whose use means the task list on screen is out of date. */
export const TASK_CHANGING_TOOLS = new Set(["add_task", "complete_task", "delete_task", "update_task"]);

export function changesTasks(actions: { tool: string }[] | null | undefined): boolean {
  return (actions ?? []).some((a) => TASK_CHANGING_TOOLS.has(a.tool));
}

/** Parses "Home, urgent ,home" into ["home", "urgent"]: lower-case, trimmed, no blanks or repeats. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(",")) {
    const tag = raw.trim().toLowerCase();
    if (tag) seen.add(tag);
  }
  return [...seen];
}
