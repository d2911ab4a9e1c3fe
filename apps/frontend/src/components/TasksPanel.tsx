"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, errorMessage } from "@/lib/api";
import type { Task, TaskInput, TaskPatch, TaskQuery } from "@/lib/types";
import { useDebounced } from "@/lib/useDebounced";
import { NewTaskForm } from "./NewTaskForm";
import { DEFAULT_FILTERS, isFiltered, TaskFilters, type Filters } from "./TaskFilters";
import { TaskItem } from "./TaskItem";

export const PAGE_SIZE = 50;
/** The backend's largest page (docs/api.md). */
const MAX_PAGE_SIZE = 100;
export const SEARCH_DELAY_MS = 250;

interface ListState {
  items: Task[];
  total: number;
  page: number;
  /** True until the first answer for the current filters arrived. */
  loading: boolean;
  /** A refresh is running while the previous items stay on screen. */
  refreshing: boolean;
  error: string | null;
}

/** The task list: add, filter, search, sort, complete, edit, delete. */
export function TasksPanel({ refreshKey = 0 }: { refreshKey?: number }) {
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const search = useDebounced(filters.search, SEARCH_DELAY_MS);
  const tag = useDebounced(filters.tag, SEARCH_DELAY_MS);
  const [list, setList] = useState<ListState>({ items: [], total: 0, page: 0, loading: true, refreshing: false, error: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const requestId = useRef(0);
  // Pages on screen: a refresh fetches them all, so rows from "Show more" (and an edit open in
  // one of them) do not vanish when another task changes.
  const shownPages = useRef(1);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const query = useMemo<Partial<TaskQuery>>(
    () => ({ status: filters.status, priority: filters.priority, tag, q: search, sort: filters.sort, order: filters.order, size: PAGE_SIZE }),
    [filters.status, filters.priority, filters.sort, filters.order, tag, search],
  );

  const load = useCallback(
    async (keepItems: boolean) => {
      const id = ++requestId.current;
      setList((s) => (keepItems ? { ...s, refreshing: true } : { ...s, loading: true, error: null }));
      const pages = keepItems ? Math.min(shownPages.current, Math.floor(MAX_PAGE_SIZE / PAGE_SIZE)) : 1;
      try {
        const page = await api.listTasks({ ...query, page: 0, size: pages * PAGE_SIZE });
        if (id !== requestId.current) return;
        shownPages.current = pages;
        setList({ items: page.items, total: page.total, page: pages - 1, loading: false, refreshing: false, error: null });
      } catch (e) {
        if (id !== requestId.current) return;
        const message = errorMessage(e, "Could not load your tasks.");
        setList((s) => ({ ...s, loading: false, refreshing: false, error: message }));
      }
    },
    [query],
  );

  // New filters: show the loading state; refresh requests (the assistant changed tasks): keep the list.
  useEffect(() => {
    load(false);
  }, [load]);
  const firstRefresh = useRef(true);
  useEffect(() => {
    if (firstRefresh.current) {
      firstRefresh.current = false;
      return;
    }
    load(true);
  }, [refreshKey]); // eslint-disable-line react-hooks/exhaustive-deps

  async function loadMore() {
    setLoadingMore(true);
    const id = requestId.current;
    try {
      const next = await api.listTasks({ ...query, page: list.page + 1 });
      if (id !== requestId.current) return;
      shownPages.current = next.page + 1;
      setList((s) => {
        const seen = new Set(s.items.map((t) => String(t.id)));
        return { ...s, items: [...s.items, ...next.items.filter((t) => !seen.has(String(t.id)))], total: next.total, page: next.page };
      });
    } catch (e) {
      setList((s) => ({ ...s, error: errorMessage(e, "Could not load more tasks.") }));
    } finally {
      setLoadingMore(false);
    }
  }

  async function create(input: TaskInput) {
    await api.createTask(input);
    await load(true);
  }

  async function update(task: Task, patch: TaskPatch) {
    const saved = await api.updateTask(task.id, patch);
    setList((s) => ({ ...s, items: s.items.map((t) => (t.id === task.id ? saved : t)) }));
    void load(true);
  }

  async function remove(task: Task) {
    await api.deleteTask(task.id);
    setList((s) => ({ ...s, items: s.items.filter((t) => t.id !== task.id), total: Math.max(0, s.total - 1) }));
    // The focused button disappears with the task: keep keyboard users in the list, not at the page top.
    headingRef.current?.focus();
    void load(true);
  }

  const knownTags = useMemo(() => [...new Set(list.items.flatMap((t) => t.tags))].sort(), [list.items]);
  const filtered = isFiltered(filters);
  const openCount = list.items.filter((t) => !t.completed).length;

  return (
    <section className="panel tasks-panel" aria-labelledby="tasks-heading">
      <div className="panel-header">
        <h2 id="tasks-heading" ref={headingRef} tabIndex={-1}>
          Tasks
        </h2>
        {!list.loading && !list.error && list.total > 0 && (
          <span className="muted count" data-testid="task-count">
            {list.items.length < list.total ? `${list.items.length} of ${list.total}` : `${list.total} ${list.total === 1 ? "task" : "tasks"}`}
            {filters.status === "all" && ` · ${openCount} open`}
          </span>
        )}
        {list.refreshing && (
          <span className="muted refreshing" role="status">
            <span className="spinner spinner-small" aria-hidden="true" /> Updating…
          </span>
        )}
      </div>

      <NewTaskForm onCreate={create} />
      <TaskFilters filters={filters} knownTags={knownTags} onChange={setFilters} />

      {list.loading ? (
        <div className="state" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> Loading tasks…
        </div>
      ) : list.error && list.items.length === 0 ? (
        <div className="state state-error" role="alert">
          <p>{list.error}</p>
          <button className="btn" onClick={() => load(false)}>
            Try again
          </button>
        </div>
      ) : (
        <>
          {list.error && (
            <div className="banner banner-error" role="alert">
              {list.error}{" "}
              <button className="btn btn-small" onClick={() => load(true)}>
                Try again
              </button>
            </div>
          )}
          {list.items.length === 0 ? (
            <div className="state state-empty">
              {filtered ? (
                <>
                  <p>No tasks match these filters.</p>
                  <button className="btn" onClick={() => setFilters({ ...DEFAULT_FILTERS, sort: filters.sort, order: filters.order })}>
                    Clear filters
                  </button>
                </>
              ) : (
                <>
                  <p className="state-title">No tasks yet</p>
                  <p className="muted">Add one above, or ask the assistant: “add buy milk tomorrow”.</p>
                </>
              )}
            </div>
          ) : (
            <ul className="task-list" aria-label="Tasks" aria-busy={list.refreshing}>
              {list.items.map((task) => (
                <TaskItem
                  key={task.id}
                  task={task}
                  onUpdate={update}
                  onDelete={remove}
                  onTagClick={(t) => setFilters((f) => ({ ...f, tag: t }))}
                />
              ))}
            </ul>
          )}
          {list.items.length < list.total && (
            <button className="btn btn-block" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? "Loading…" : `Show more (${list.total - list.items.length} left)`}
            </button>
          )}
        </>
      )}
    </section>
  );
}
