"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { api, onUnauthorized } from "@/lib/api";
import type { AssistantInfo, User } from "@/lib/types";
import { ChatPanel } from "./ChatPanel";
import { TasksPanel } from "./TasksPanel";

type Panel = "tasks" | "chat";

/** The signed-in screen: the task list with the assistant beside it (tabs on a phone). */
export function TodoApp() {
  const router = useRouter();
  const [user, setUser] = useState<User | null>(null);
  const [sessionError, setSessionError] = useState<string | null>(null);
  const [assistant, setAssistant] = useState<AssistantInfo | null>(null);
  const [tasksVersion, setTasksVersion] = useState(0);
  const [panel, setPanel] = useState<Panel>("tasks");
  const [loggingOut, setLoggingOut] = useState(false);

  const loadSession = useCallback(() => {
    setSessionError(null);
    api
      .me()
      .then(setUser)
      .catch((e) => {
        if (e?.status === 401) router.replace("/login");
        else setSessionError(e?.message ?? "Could not load your session.");
      });
  }, [router]);

  useEffect(() => {
    loadSession();
    return onUnauthorized(() => router.replace("/login"));
  }, [loadSession, router]);

  useEffect(() => {
    if (!user) return;
    api.assistant().then(setAssistant, () => setAssistant(null));
  }, [user]);

  const refreshTasks = useCallback(() => setTasksVersion((v) => v + 1), []);

  async function logout() {
    setLoggingOut(true);
    try {
      await api.logout();
    } catch {
      // The cookie is the backend's to clear; if that failed, the log-in page still asks again.
    }
    router.replace("/login");
  }

  if (!user) {
    return (
      <main id="main" className="center-page">
        {sessionError ? (
          <div className="state state-error" role="alert">
            <p>{sessionError}</p>
            <button className="btn" onClick={loadSession}>
              Try again
            </button>
          </div>
        ) : (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" /> Loading…
          </p>
        )}
      </main>
    );
  }

  return (
    <div className="app-shell">
      <header className="topbar">
        <div className="brand" aria-label="Todo">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>{" "}
          Todo
        </div>
        <div className="topbar-user">
          <span className="user-name" title={user.email} data-testid="current-user">
            {user.displayName || user.email}
          </span>
          <button className="btn btn-ghost" onClick={logout} disabled={loggingOut}>
            {loggingOut ? "Logging out…" : "Log out"}
          </button>
        </div>
      </header>
      <nav className="panel-tabs" aria-label="Sections">
        <button className={panel === "tasks" ? "active" : ""} aria-pressed={panel === "tasks"} onClick={() => setPanel("tasks")}>
          Tasks
        </button>
        <button className={panel === "chat" ? "active" : ""} aria-pressed={panel === "chat"} onClick={() => setPanel("chat")}>
          Assistant
        </button>
      </nav>
      <main id="main" className="workspace" data-panel={panel}>
        <TasksPanel refreshKey={tasksVersion} />
        <ChatPanel assistant={assistant} onTasksChanged={refreshTasks} />
      </main>
    </div>
  );
}
