"use client";

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { parseTags, errorMessage } from "@/lib/api";
import { formatDueDate, isOverdue, PRIORITY_LABEL } from "@/lib/format";
import type { Priority, Task, TaskPatch } from "@/lib/types";
import { PriorityField } from "./PriorityField";

interface Props {
  task: Task;
  onUpdate: (task: Task, patch: TaskPatch) => Promise<void>;
  onDelete: (task: Task) => Promise<void>;
  onTagClick: (tag: string) => void;
}

export function TaskItem({ task, onUpdate, onDelete, onTagClick }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The checkbox answers the click at once; it goes back if the server refuses.
  const [optimisticDone, setOptimisticDone] = useState<boolean | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    // Give the focus back to the Edit button when an edit ends, so keyboard users stay in place.
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  async function run(action: () => Promise<void>, failure: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e, failure));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const titleId = `task-title-${task.id}`;

  if (editing) {
    return (
      <li className="task task-editing">
        <TaskEditor
          task={task}
          busy={busy}
          error={error}
          onCancel={() => {
            setError(null);
            setEditing(false);
          }}
          onSave={async (patch) => {
            if (await run(() => onUpdate(task, patch), "Could not save the task.")) setEditing(false);
          }}
        />
      </li>
    );
  }

  const completed = optimisticDone ?? task.completed;
  const overdue = isOverdue(task.dueDate, completed);

  async function toggle() {
    if (busy) return;
    const next = !completed;
    setOptimisticDone(next);
    await run(() => onUpdate(task, { completed: next }), "Could not update the task.");
    setOptimisticDone(null);
  }

  return (
    <li className={`task${completed ? " task-done" : ""}`} aria-labelledby={titleId} data-testid="task">
      <input
        type="checkbox"
        className="task-check"
        checked={completed}
        aria-busy={busy}
        onChange={toggle}
        aria-label={`Completed: ${task.title}`}
      />
      <div className="task-body">
        <div className="task-title" id={titleId}>
          {task.title}
        </div>
        {task.description && <p className="task-description">{task.description}</p>}
        <div className="task-meta">
          <span className={`badge badge-${task.priority}`} title="Priority">
            {PRIORITY_LABEL[task.priority] ?? task.priority}
          </span>
          {task.dueDate && (
            <span className={`due${overdue ? " due-overdue" : ""}`}>
              {overdue ? "Overdue: " : "Due "}
              <time dateTime={task.dueDate}>{formatDueDate(task.dueDate)}</time>
            </span>
          )}
          {task.tags.map((tag) => (
            <button key={tag} type="button" className="tag" onClick={() => onTagClick(tag)} aria-label={`Show tasks tagged ${tag}`}>
              #{tag}
            </button>
          ))}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="task-actions">
        {confirmingDelete ? (
          <>
            <button
              type="button"
              className="btn btn-danger btn-small"
              disabled={busy}
              autoFocus
              onClick={async () => {
                if (!(await run(() => onDelete(task), "Could not delete the task."))) setConfirmingDelete(false);
              }}
            >
              Confirm delete
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirmingDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              ref={editButton}
              className="btn btn-ghost btn-small"
              onClick={() => setEditing(true)}
              aria-label={`Edit ${task.title}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="btn btn-ghost btn-small btn-ghost-danger"
              onClick={() => setConfirmingDelete(true)}
              aria-label={`Delete ${task.title}`}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}

function TaskEditor({
  task,
  busy,
  error,
  onSave,
  onCancel,
}: {
  task: Task;
  busy: boolean;
  error: string | null;
  onSave: (patch: TaskPatch) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? "");
  const [priority, setPriority] = useState<Priority>(task.priority);
  const [dueDate, setDueDate] = useState(task.dueDate ?? "");
  const [tags, setTags] = useState(task.tags.join(", "));
  const [localError, setLocalError] = useState<string | null>(null);
  const dueRef = useRef<HTMLInputElement>(null);
  const p = `edit-${task.id}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setLocalError("The title cannot be empty.");
      return;
    }
    // A half-typed date reads as "": saving it would clear the task's due date without a word.
    if (dueRef.current?.validity.badInput) {
      setLocalError("Enter a full due date, or clear it.");
      dueRef.current.focus();
      return;
    }
    setLocalError(null);
    onSave({
      title: title.trim(),
      description: description.trim() || null,
      priority,
      dueDate: dueDate || null,
      tags: parseTags(tags),
    });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  }

  const shownError = localError ?? error;

  return (
    <form className="task-editor" onSubmit={submit} onKeyDown={onKeyDown} aria-label={`Edit task ${task.title}`} noValidate>
      <div className="field">
        <label htmlFor={`${p}-title`}>Title</label>
        <input id={`${p}-title`} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus maxLength={500} />
      </div>
      <div className="field">
        <label htmlFor={`${p}-description`}>Description</label>
        <textarea id={`${p}-description`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="editor-row">
        <PriorityField id={`${p}-priority`} value={priority} onChange={setPriority} />
        <div className="field">
          <label htmlFor={`${p}-due`}>Due date</label>
          <input id={`${p}-due`} ref={dueRef} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
        <div className="field field-grow">
          <label htmlFor={`${p}-tags`}>Tags (comma-separated)</label>
          <input id={`${p}-tags`} value={tags} onChange={(e) => setTags(e.target.value)} />
        </div>
      </div>
      {shownError && (
        <p className="form-error" role="alert">
          {shownError}
        </p>
      )}
      <div className="editor-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
