import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { json, page, stubBackend, task } from "./http";

const router = { replace: vi.fn(), push: vi.fn(), refresh: vi.fn(), back: vi.fn(), forward: vi.fn(), prefetch: vi.fn() };
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const { TodoApp } = await import("@/components/TodoApp");

const me = { id: 1, email: "ada@example.com", displayName: "Ada Lovelace" };
const signedIn = {
  "GET /api/auth/me": () => json(200, me),
  "GET /api/assistant": () => json(200, { mode: "offline", model: null, hint: "Set AI_API_KEY." }),
  "GET /api/conversations": () => json(200, []),
  "GET /api/tasks": () => json(200, page([task({ id: 1, title: "First task" })])),
};

beforeEach(() => Object.values(router).forEach((f) => f.mockReset()));

describe("the signed-in screen", () => {
  it("sends someone without a session to the log-in page", async () => {
    stubBackend({ "GET /api/auth/me": () => json(401, { error: "not logged in" }) });
    render(<TodoApp />);
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith("/login"));
    expect(screen.queryByRole("heading", { name: "Tasks" })).not.toBeInTheDocument();
  });

  it("shows the person's name, their tasks and the offline assistant beside them", async () => {
    stubBackend(signedIn);
    render(<TodoApp />);
    expect(await screen.findByTestId("current-user")).toHaveTextContent("Ada Lovelace");
    expect(await screen.findByRole("listitem", { name: "First task" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Assistant" })).toBeInTheDocument();
    expect(await screen.findByTestId("offline-notice")).toHaveTextContent("Set AI_API_KEY.");
  });

  it("logs out through the backend and goes to the log-in page", async () => {
    const backend = stubBackend({ ...signedIn, "POST /api/auth/logout": () => json(204) });
    render(<TodoApp />);
    await userEvent.click(await screen.findByRole("button", { name: "Log out" }));
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith("/login"));
    expect(backend.find("POST", "/api/auth/logout")).toHaveLength(1);
  });

  it("goes to log-in when the session expires during use", async () => {
    stubBackend({ ...signedIn, "GET /api/tasks": () => json(401, { error: "session expired" }) });
    render(<TodoApp />);
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith("/login"));
  });

  it("offers a retry when the backend cannot be reached, instead of a blank page", async () => {
    let down = true;
    stubBackend({ ...signedIn, "GET /api/auth/me": () => (down ? json(502, "") : json(200, me)) });
    render(<TodoApp />);
    expect(await screen.findByRole("alert")).toHaveTextContent(/server had a problem/i);
    down = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("current-user")).toHaveTextContent("Ada Lovelace");
  });
});
