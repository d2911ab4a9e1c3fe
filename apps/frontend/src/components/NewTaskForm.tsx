"use client";

import { useRef, useState, type FormEvent } from "react";
import { parseTags, errorMessage } from "@/lib/api";
import type { Priority, TaskInput } from "@/lib/types";
import { PriorityField } from "./PriorityField";

/** The "add a task" form: a title, and optionally priority, due date and tags. */
export function NewTaskForm({ onCreate }: { onCreate: (input: TaskInput) => Promise<void> }) {
  const [title, setTitle] = useState("");
  const [priority, setPriority] = useState<Priority>("medium");
  const [dueDate, setDueDate] = useState("");
  const [tags, setTags] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const dueRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setError("Give the task a title.");
      titleRef.current?.focus();
      return;
    }
    // A half-typed date reads as "" : say so instead of adding the task without its date.
    if (dueRef.current?.validity.badInput) {
      setError("Enter a full due date, or clear it.");
      dueRef.current.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onCreate({
        title: title.trim(),
        priority,
        dueDate: dueDate || null,
        tags: parseTags(tags),
      });
      setTitle("");
      setDueDate("");
      setTags("");
      setPriority("medium");
      titleRef.current?.focus();
    } catch (e) {
      setError(errorMessage(e, "Could not add the task."));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="new-task" onSubmit={submit} aria-label="Add a task" noValidate>
      <div className="new-task-main">
        <label htmlFor="new-task-title" className="visually-hidden">
          New task title
        </label>
        <input
          id="new-task-title"
          ref={titleRef}
          placeholder="Add a task…"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={500}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "new-task-error" : undefined}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Adding…" : "Add"}
        </button>
      </div>
      <div className="new-task-extra">
        <PriorityField id="new-task-priority" className="field field-inline" value={priority} onChange={setPriority} />
        <div className="field field-inline">
          <label htmlFor="new-task-due">Due</label>
          <input id="new-task-due" ref={dueRef} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
        <div className="field field-inline field-grow">
          <label htmlFor="new-task-tags">Tags</label>
          <input id="new-task-tags" placeholder="work, home" value={tags} onChange={(e) => setTags(e.target.value)} />
        </div>
      </div>
      {error && (
        <p id="new-task-error" className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
