"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { api, changesTasks, errorMessage } from "@/lib/api";
import { formatWhen } from "@/lib/format";
import type { Action, AssistantInfo, ChatMessage, Conversation } from "@/lib/types";

/** A mark per tool; the backend's summary already says what happened ("Added #3 buy milk"). */
const TOOL_ICON: Record<string, string> = {
  add_task: "+",
  complete_task: "✓",
  delete_task: "×",
  update_task: "✎",
  list_tasks: "≡",
};

type ShownMessage = ChatMessage & { pending?: boolean };

/**
 * The assistant beside the task list: the person's conversations, the selected one's history
 * (from the backend, so it survives reloads), and what the assistant did under each reply.
 */
export function ChatPanel({ assistant, onTasksChanged }: { assistant: AssistantInfo | null; onTasksChanged: () => void }) {
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [conversationsError, setConversationsError] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<Conversation["id"] | null>(null);
  const [messages, setMessages] = useState<ShownMessage[]>([]);
  const [historyState, setHistoryState] = useState<"idle" | "loading" | "error">("loading");
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const historyRequest = useRef(0);

  const openConversation = useCallback(async (id: Conversation["id"] | null) => {
    const request = ++historyRequest.current;
    setActiveId(id);
    setSendError(null);
    if (id === null) {
      setMessages([]);
      setHistoryState("idle");
      return;
    }
    setHistoryState("loading");
    try {
      const history = await api.messages(id);
      if (request !== historyRequest.current) return;
      setMessages(history);
      setHistoryState("idle");
    } catch {
      if (request !== historyRequest.current) return;
      setHistoryState("error");
    }
  }, []);

  const loadConversations = useCallback(async (openLatest: boolean) => {
    try {
      const list = await api.conversations();
      setConversations(list);
      setConversationsError(null);
      if (openLatest) await openConversation(list.length > 0 ? list[0].id : null);
    } catch (e) {
      setConversationsError(errorMessage(e, "Could not load your conversations."));
      if (openLatest) setHistoryState("idle");
    }
  }, [openConversation]);

  useEffect(() => {
    void loadConversations(true);
  }, [loadConversations]);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages, sending]);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    setSendError(null);
    const pendingId = `pending-${Date.now()}`;
    setMessages((m) => [...m, { id: pendingId, role: "user", content: text, actions: [], createdAt: new Date().toISOString(), pending: true }]);
    setDraft("");
    try {
      const reply = await api.chat(text, activeId);
      historyRequest.current++; // a history load still in flight must not overwrite this exchange
      setActiveId(reply.conversationId);
      const now = new Date().toISOString();
      setMessages((m) => [
        ...m.map((msg) => (msg.id === pendingId ? { ...msg, pending: false } : msg)),
        { id: `reply-${Date.now()}`, role: "assistant", content: reply.reply, actions: reply.actions ?? [], createdAt: now },
      ]);
      if (changesTasks(reply.actions)) onTasksChanged();
      void loadConversations(false);
    } catch (e) {
      setMessages((m) => m.filter((msg) => msg.id !== pendingId));
      // Give the unsent message back without losing what was typed meanwhile.
      setDraft((typed) => (typed.trim() ? `${text}\n${typed}` : text));
      setSendError(errorMessage(e, "The message could not be sent."));
    } finally {
      setSending(false);
      inputRef.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <section className="panel chat-panel" aria-labelledby="chat-heading">
      <div className="panel-header">
        <h2 id="chat-heading">Assistant</h2>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            void openConversation(null);
            inputRef.current?.focus();
          }}
          disabled={activeId === null && messages.length === 0}
        >
          New chat
        </button>
      </div>

      {assistant?.mode === "offline" && (
        <div className="notice" role="note" data-testid="offline-notice">
          <p>
            <strong>Offline assistant.</strong> It understands simple commands such as “add buy milk tomorrow”, “what’s on my
            list”, “mark 3 as done” or “delete 4”.
          </p>
          {assistant.hint && (
            <details>
              <summary>Connect a language model</summary>
              <p>{assistant.hint}</p>
            </details>
          )}
        </div>
      )}

      <nav className="conversations" aria-label="Conversations">
        {conversationsError ? (
          <p className="form-error" role="alert">
            {conversationsError}{" "}
            <button className="btn btn-small" onClick={() => loadConversations(false)}>
              Try again
            </button>
          </p>
        ) : conversations.length === 0 ? (
          <p className="muted small">No conversations yet.</p>
        ) : (
          <ul>
            {conversations.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={String(c.id) === String(activeId) ? "conversation active" : "conversation"}
                  aria-current={String(c.id) === String(activeId) ? "true" : undefined}
                  onClick={() => openConversation(c.id)}
                >
                  <span className="conversation-title">{c.title || "Untitled conversation"}</span>
                  <span className="conversation-time">
                    <time dateTime={c.updatedAt}>{formatWhen(c.updatedAt)}</time>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </nav>

      <div className="chat-log" ref={logRef} role="log" aria-live="polite" aria-label="Messages" aria-busy={historyState === "loading"}>
        {historyState === "loading" ? (
          <p className="muted state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading messages…
          </p>
        ) : historyState === "error" ? (
          <div className="state state-error" role="alert">
            <p>Could not load this conversation.</p>
            <button className="btn" onClick={() => openConversation(activeId)}>
              Try again
            </button>
          </div>
        ) : messages.length === 0 ? (
          <div className="state state-empty">
            <p className="state-title">Ask the assistant</p>
            <p className="muted">For example: “add call the dentist tomorrow, high priority” or “what is still open?”</p>
          </div>
        ) : (
          messages.map((m) => <MessageBubble key={m.id} message={m} />)
        )}
        {sending && (
          <p className="typing muted" role="status">
            <span className="spinner spinner-small" aria-hidden="true" /> The assistant is thinking…
          </p>
        )}
      </div>

      {sendError && (
        <p className="form-error" role="alert">
          {sendError}
        </p>
      )}
      <form className="chat-form" onSubmit={send}>
        <label htmlFor="chat-input" className="visually-hidden">
          Message the assistant
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          rows={2}
          placeholder="Message the assistant…"
          aria-describedby="chat-input-hint"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          maxLength={4000}
        />
        <button type="submit" className="btn btn-primary" disabled={sending || !draft.trim()}>
          Send
        </button>
      </form>
      <p id="chat-input-hint" className="hint">
        Enter sends, Shift+Enter starts a new line.
      </p>
    </section>
  );
}

function MessageBubble({ message }: { message: ShownMessage }) {
  const mine = message.role === "user";
  return (
    <div className={`message ${mine ? "message-user" : "message-assistant"}${message.pending ? " message-pending" : ""}`} data-testid={`message-${message.role}`}>
      <span className="visually-hidden">{mine ? "You said:" : "Assistant said:"}</span>
      <div className="bubble">{message.content}</div>
      {message.actions.length > 0 && <ActionList actions={message.actions} />}
    </div>
  );
}

function ActionList({ actions }: { actions: Action[] }) {
  return (
    <ul className="actions" aria-label="What the assistant did" data-testid="assistant-actions">
      {actions.map((a, i) => (
        <li key={i} className={`action action-${a.tool}`}>
          <span className="action-icon" aria-hidden="true">
            {TOOL_ICON[a.tool] ?? "•"}
          </span>
          {a.summary}
        </li>
      ))}
    </ul>
  );
}
