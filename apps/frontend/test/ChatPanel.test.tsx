import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ChatPanel } from "@/components/ChatPanel";
import { json, stubBackend } from "./http";

const offline = { mode: "offline" as const, model: null, hint: "Set AI_BASE_URL and AI_API_KEY to use a language model." };
const conv = (id: number, title: string) => ({ id, title, createdAt: "2026-11-20T10:00:00Z", updatedAt: "2026-11-20T10:05:00Z" });
const msg = (id: number, role: "user" | "assistant", content: string, actions: unknown[] = []) => ({
  id,
  role,
  content,
  actions,
  createdAt: "2026-11-20T10:00:00Z",
});

describe("chat with the assistant", () => {
  it("says when the assistant is the offline one, with the hint to enable the LLM", async () => {
    stubBackend({ "GET /api/conversations": () => json(200, []) });
    const { rerender } = render(<ChatPanel assistant={offline} onTasksChanged={vi.fn()} />);
    expect(screen.getByTestId("offline-notice")).toHaveTextContent("Offline assistant.");
    expect(screen.getByTestId("offline-notice")).toHaveTextContent("Set AI_BASE_URL and AI_API_KEY");
    rerender(<ChatPanel assistant={{ mode: "llm", model: "gpt-4o-mini", hint: null }} onTasksChanged={vi.fn()} />);
    expect(screen.queryByTestId("offline-notice")).not.toBeInTheDocument();
    expect(await screen.findByText("Ask the assistant")).toBeInTheDocument();
  });

  it("opens the latest conversation with its history and what the assistant did", async () => {
    stubBackend({
      "GET /api/conversations": () => json(200, [conv(2, "Groceries"), conv(1, "Work")]),
      "GET /api/conversations/2/messages": () =>
        json(200, [
          msg(1, "user", "add buy milk"),
          msg(2, "assistant", "Added “buy milk”.", [{ tool: "add_task", taskId: 9, summary: "Added #9 buy milk" }]),
        ]),
    });
    render(<ChatPanel assistant={offline} onTasksChanged={vi.fn()} />);
    const log = screen.getByRole("log", { name: "Messages" });
    expect(await within(log).findByText("add buy milk")).toBeInTheDocument();
    expect(within(log).getByText("Added “buy milk”.")).toBeInTheDocument();
    expect(within(log).getByRole("list", { name: "What the assistant did" })).toHaveTextContent("Added #9 buy milk");
    const nav = screen.getByRole("navigation", { name: "Conversations" });
    expect(within(nav).getByRole("button", { name: /Groceries/ })).toHaveAttribute("aria-current", "true");
  });

  it("switches to another conversation from the list", async () => {
    stubBackend({
      "GET /api/conversations": () => json(200, [conv(2, "Groceries"), conv(1, "Work")]),
      "GET /api/conversations/2/messages": () => json(200, [msg(1, "user", "about groceries")]),
      "GET /api/conversations/1/messages": () => json(200, [msg(5, "user", "about work")]),
    });
    render(<ChatPanel assistant={offline} onTasksChanged={vi.fn()} />);
    await screen.findByText("about groceries");
    await userEvent.click(screen.getByRole("button", { name: /Work/ }));
    expect(await screen.findByText("about work")).toBeInTheDocument();
    expect(screen.queryByText("about groceries")).not.toBeInTheDocument();
  });

  it("sends with Enter, shows the reply and its actions, and refreshes tasks when they changed", async () => {
    const backend = stubBackend({
      "GET /api/conversations": () => json(200, []),
      "POST /api/chat": () =>
        json(200, { conversationId: 7, reply: "Added “call mum”.", actions: [{ tool: "add_task", taskId: 3, summary: "Added #3 call mum" }] }),
    });
    const onTasksChanged = vi.fn();
    render(<ChatPanel assistant={offline} onTasksChanged={onTasksChanged} />);
    await screen.findByText("Ask the assistant");
    await userEvent.type(screen.getByLabelText("Message the assistant"), "add call mum{Enter}");

    expect(await screen.findByText("Added “call mum”.")).toBeInTheDocument();
    expect(screen.getByText("add call mum")).toBeInTheDocument();
    expect(screen.getByTestId("assistant-actions")).toHaveTextContent("Added #3 call mum");
    expect(onTasksChanged).toHaveBeenCalledTimes(1);
    expect(backend.find("POST", "/api/chat")[0].body).toEqual({ message: "add call mum" });
    expect(screen.getByLabelText("Message the assistant")).toHaveValue("");
    // The conversation list is reloaded so the new conversation shows up.
    await waitFor(() => expect(backend.find("GET", "/api/conversations").length).toBe(2));
  });

  it("continues the same conversation and does not refresh tasks for a mere listing", async () => {
    const backend = stubBackend({
      "GET /api/conversations": () => json(200, [conv(4, "Chat")]),
      "GET /api/conversations/4/messages": () => json(200, []),
      "POST /api/chat": () => json(200, { conversationId: 4, reply: "You have 2 open tasks.", actions: [{ tool: "list_tasks", taskId: null, summary: "Listed 2 open tasks" }] }),
    });
    const onTasksChanged = vi.fn();
    render(<ChatPanel assistant={offline} onTasksChanged={onTasksChanged} />);
    await screen.findByText("Ask the assistant");
    await userEvent.type(screen.getByLabelText("Message the assistant"), "what is open?");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText("You have 2 open tasks.")).toBeInTheDocument();
    expect(backend.find("POST", "/api/chat")[0].body).toEqual({ conversationId: 4, message: "what is open?" });
    expect(onTasksChanged).not.toHaveBeenCalled();
  });

  it("keeps a new line with Shift+Enter instead of sending", async () => {
    const backend = stubBackend({ "GET /api/conversations": () => json(200, []) });
    render(<ChatPanel assistant={offline} onTasksChanged={vi.fn()} />);
    await screen.findByText("Ask the assistant");
    await userEvent.type(screen.getByLabelText("Message the assistant"), "line one{Shift>}{Enter}{/Shift}line two");
    expect(screen.getByLabelText("Message the assistant")).toHaveValue("line one\nline two");
    expect(backend.find("POST", "/api/chat")).toHaveLength(0);
  });

  it("gives the message back when sending fails, with the reason", async () => {
    stubBackend({
      "GET /api/conversations": () => json(200, []),
      "POST /api/chat": () => json(500, { error: "The assistant is unavailable right now." }),
    });
    render(<ChatPanel assistant={offline} onTasksChanged={vi.fn()} />);
    await screen.findByText("Ask the assistant");
    await userEvent.type(screen.getByLabelText("Message the assistant"), "add something{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("The assistant is unavailable right now.");
    expect(screen.getByLabelText("Message the assistant")).toHaveValue("add something");
    expect(screen.queryByTestId("message-user")).not.toBeInTheDocument();
  });

  it("keeps what was typed while a failed message was on its way", async () => {
    let fail: (r: { status: number; body?: unknown }) => void = () => {};
    stubBackend({
      "GET /api/conversations": () => json(200, []),
      "POST /api/chat": () => new Promise((resolve) => (fail = resolve)),
    });
    render(<ChatPanel assistant={offline} onTasksChanged={vi.fn()} />);
    await screen.findByText("Ask the assistant");
    const box = screen.getByLabelText("Message the assistant");
    await userEvent.type(box, "add something{Enter}");
    await waitFor(() => expect(box).toHaveValue(""));
    await userEvent.type(box, "and then this");
    fail(json(500, { error: "The assistant is unavailable right now." }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The assistant is unavailable right now.");
    expect(box).toHaveValue("add something\nand then this");
  });

  it("starts a new chat without the previous conversation's id", async () => {
    const backend = stubBackend({
      "GET /api/conversations": () => json(200, [conv(4, "Old chat")]),
      "GET /api/conversations/4/messages": () => json(200, [msg(1, "user", "old message")]),
      "POST /api/chat": () => json(200, { conversationId: 5, reply: "Hello!", actions: [] }),
    });
    render(<ChatPanel assistant={offline} onTasksChanged={vi.fn()} />);
    await screen.findByText("old message");
    await userEvent.click(screen.getByRole("button", { name: "New chat" }));
    expect(screen.queryByText("old message")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Message the assistant")).toHaveFocus();
    await userEvent.type(screen.getByLabelText("Message the assistant"), "hi{Enter}");
    await screen.findByText("Hello!");
    expect(backend.find("POST", "/api/chat")[0].body).toEqual({ message: "hi" });
  });

  it("shows an error with a retry when the history cannot be loaded", async () => {
    let fail = true;
    stubBackend({
      "GET /api/conversations": () => json(200, [conv(4, "Chat")]),
      "GET /api/conversations/4/messages": () => (fail ? json(500, { error: "boom" }) : json(200, [msg(1, "user", "recovered")])),
    });
    render(<ChatPanel assistant={offline} onTasksChanged={vi.fn()} />);
    expect(await screen.findByText("Could not load this conversation.")).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("recovered")).toBeInTheDocument();
  });
});
