// A scripted stand-in for the backend in component tests: each route answers like docs/api.md
// says the backend does, and every request is recorded so tests can assert what the UI sent.
import { vi } from "vitest";

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Reply = { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;
type Handler = (req: Recorded) => Reply;

export function json(status: number, body?: unknown) {
  return { status, body };
}

export function task(overrides: Partial<Record<string, unknown>> & { id: number; title: string }) {
  return {
    description: null,
    completed: false,
    priority: "medium",
    dueDate: null,
    tags: [],
    createdAt: "2026-11-20T10:00:00Z",
    updatedAt: "2026-11-20T10:00:00Z",
    ...overrides,
  };
}

export function page(items: unknown[], total = items.length, pageNo = 0, size = 50) {
  return { items, page: pageNo, size, total };
}

/** Installs a fetch that routes "METHOD /path" to handlers; unknown routes fail the test loudly. */
export function stubBackend(routes: Record<string, Handler>) {
  const calls: Recorded[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost");
    const method = (init?.method ?? "GET").toUpperCase();
    const req: Recorded = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    };
    calls.push(req);
    const key = Object.keys(routes).find((k) => {
      const [m, p] = k.split(" ");
      return m === method && new RegExp(`^${p.replace(/:[a-z]+/gi, "[^/]+")}$`).test(url.pathname);
    });
    if (!key) throw new Error(`unexpected request ${method} ${url.pathname}`);
    const reply = await routes[key](req);
    const text = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    return new Response(reply.status === 204 ? null : text, { status: reply.status, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return {
    calls,
    fetchMock,
    find: (method: string, path: string | RegExp) =>
      calls.filter((c) => c.method === method && (typeof path === "string" ? c.path === path : path.test(c.path))),
  };
}
