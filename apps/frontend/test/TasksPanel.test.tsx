import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { TasksPanel } from "@/components/TasksPanel";
import { json, page, stubBackend, task, type Recorded } from "./http";

/** A backend holding tasks in memory, filtering by status like the real one. */
function tasksBackend(initial: ReturnType<typeof task>[]) {
  let tasks = [...initial];
  let nextId = 100;
  const backend = stubBackend({
    "GET /api/tasks": (r: Recorded) => {
      const status = r.query.get("status");
      const items = tasks.filter((t) => (status === "open" ? !t.completed : status === "completed" ? t.completed : true));
      return json(200, page(items));
    },
    "POST /api/tasks": (r) => {
      const created = task({ id: nextId++, ...(r.body as { title: string }) });
      tasks = [created, ...tasks];
      return json(201, created);
    },
    "PATCH /api/tasks/:id": (r) => {
      const id = Number(r.path.split("/").pop());
      tasks = tasks.map((t) => (t.id === id ? { ...t, ...(r.body as object) } : t));
      return json(200, tasks.find((t) => t.id === id));
    },
    "DELETE /api/tasks/:id": (r) => {
      const id = Number(r.path.split("/").pop());
      tasks = tasks.filter((t) => t.id !== id);
      return json(204);
    },
  });
  return { ...backend, tasks: () => tasks };
}

const listGets = (b: ReturnType<typeof stubBackend>) => b.find("GET", "/api/tasks");

describe("task list", () => {
  it("shows a loading state, then the tasks with their priority, due date and tags", async () => {
    tasksBackend([task({ id: 1, title: "Buy milk", priority: "high", dueDate: "2099-03-04", tags: ["home"] })]);
    render(<TasksPanel />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading tasks");
    const item = await screen.findByRole("listitem", { name: "Buy milk" });
    expect(within(item).getByText("High")).toBeInTheDocument();
    expect(within(item).getByText("4 Mar 2099")).toBeInTheDocument();
    expect(within(item).getByRole("button", { name: "Show tasks tagged home" })).toBeInTheDocument();
  });

  it("says there are no tasks yet instead of showing a blank list", async () => {
    tasksBackend([]);
    render(<TasksPanel />);
    expect(await screen.findByText("No tasks yet")).toBeInTheDocument();
  });

  it("shows the error and retries when the backend fails", async () => {
    let fail = true;
    stubBackend({ "GET /api/tasks": () => (fail ? json(503, { error: "Database unavailable" }) : json(200, page([task({ id: 1, title: "Back again" })]))) });
    render(<TasksPanel />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Database unavailable");
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("listitem", { name: "Back again" })).toBeInTheDocument();
  });

  it("adds a task with its priority, due date and tags, then shows it", async () => {
    const backend = tasksBackend([]);
    render(<TasksPanel />);
    await screen.findByText("No tasks yet");
    await userEvent.type(screen.getByLabelText("New task title"), "Call the dentist");
    await userEvent.selectOptions(screen.getByLabelText("Priority", { selector: "#new-task-priority" }), "high");
    await userEvent.type(screen.getByLabelText("Due"), "2099-01-15");
    await userEvent.type(screen.getByLabelText("Tags"), "Health, calls");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));

    expect(await screen.findByRole("listitem", { name: "Call the dentist" })).toBeInTheDocument();
    expect(backend.find("POST", "/api/tasks")[0].body).toEqual({
      title: "Call the dentist",
      priority: "high",
      dueDate: "2099-01-15",
      tags: ["health", "calls"],
    });
    expect(screen.getByLabelText("New task title")).toHaveValue("");
  });

  it("does not send a task without a title", async () => {
    const backend = tasksBackend([]);
    render(<TasksPanel />);
    await screen.findByText("No tasks yet");
    await userEvent.click(screen.getByRole("button", { name: "Add" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Give the task a title.");
    expect(backend.find("POST", "/api/tasks")).toHaveLength(0);
  });

  it("completes and reopens a task with its checkbox", async () => {
    const backend = tasksBackend([task({ id: 1, title: "Water plants" })]);
    render(<TasksPanel />);
    const box = await screen.findByRole("checkbox", { name: "Completed: Water plants" });
    await userEvent.click(box);
    await waitFor(() => expect(screen.getByRole("checkbox", { name: "Completed: Water plants" })).toBeChecked());
    expect(backend.find("PATCH", "/api/tasks/1")[0].body).toEqual({ completed: true });
    await userEvent.click(screen.getByRole("checkbox", { name: "Completed: Water plants" }));
    await waitFor(() => expect(screen.getByRole("checkbox", { name: "Completed: Water plants" })).not.toBeChecked());
    expect(backend.find("PATCH", "/api/tasks/1")[1].body).toEqual({ completed: false });
  });

  it("puts the checkbox back and says why when completing fails", async () => {
    stubBackend({
      "GET /api/tasks": () => json(200, page([task({ id: 1, title: "Stubborn" })])),
      "PATCH /api/tasks/:id": () => json(404, { error: "Task 1 not found" }),
    });
    render(<TasksPanel />);
    await userEvent.click(await screen.findByRole("checkbox", { name: "Completed: Stubborn" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Task 1 not found");
    expect(screen.getByRole("checkbox", { name: "Completed: Stubborn" })).not.toBeChecked();
  });

  it("edits a task's fields and saves them", async () => {
    const backend = tasksBackend([task({ id: 1, title: "Draft", tags: ["work"] })]);
    render(<TasksPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Draft" }));
    const title = screen.getByLabelText("Title");
    expect(title).toHaveFocus();
    await userEvent.clear(title);
    await userEvent.type(title, "Final report");
    await userEvent.type(screen.getByLabelText("Description"), "for Monday");
    await userEvent.clear(screen.getByLabelText("Tags (comma-separated)"));
    await userEvent.type(screen.getByLabelText("Tags (comma-separated)"), "work, Q4");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByRole("listitem", { name: "Final report" })).toHaveTextContent("for Monday");
    expect(backend.find("PATCH", "/api/tasks/1")[0].body).toEqual({
      title: "Final report",
      description: "for Monday",
      priority: "medium",
      dueDate: null,
      tags: ["work", "q4"],
    });
  });

  it("does not clear a due date the browser holds half-typed; it says what to fix", async () => {
    const backend = tasksBackend([task({ id: 1, title: "Dentist", dueDate: "2099-05-06" })]);
    render(<TasksPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Dentist" }));
    const due = screen.getByLabelText("Due date") as HTMLInputElement;
    // What a browser reports for a date input with a part erased: no value, and badInput.
    Object.defineProperty(due, "validity", { value: { ...due.validity, badInput: true } });
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Enter a full due date, or clear it.");
    expect(backend.find("PATCH", "/api/tasks/1")).toHaveLength(0);
  });

  it("cancels an edit with Escape and sends nothing", async () => {
    const backend = tasksBackend([task({ id: 1, title: "Keep me" })]);
    render(<TasksPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Keep me" }));
    await userEvent.type(screen.getByLabelText("Title"), " changed{Escape}");
    expect(screen.getByRole("listitem", { name: "Keep me" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Edit Keep me" })).toHaveFocus();
    expect(backend.find("PATCH", /\/api\/tasks\//)).toHaveLength(0);
  });

  it("deletes a task only after the person confirms", async () => {
    const backend = tasksBackend([task({ id: 1, title: "Old idea" }), task({ id: 2, title: "Good idea" })]);
    render(<TasksPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Delete Old idea" }));
    expect(backend.find("DELETE", /\/api\/tasks\//)).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Keep" }));
    await userEvent.click(screen.getByRole("button", { name: "Delete Old idea" }));
    await userEvent.click(screen.getByRole("button", { name: "Confirm delete" }));
    await waitFor(() => expect(screen.queryByRole("listitem", { name: "Old idea" })).not.toBeInTheDocument());
    expect(screen.getByRole("listitem", { name: "Good idea" })).toBeInTheDocument();
    expect(backend.find("DELETE", "/api/tasks/1")).toHaveLength(1);
    expect(screen.getByRole("heading", { name: "Tasks" })).toHaveFocus();
  });

  it("asks the backend for the chosen status, priority, tag, search and sort", async () => {
    const backend = tasksBackend([task({ id: 1, title: "A", tags: ["work"] })]);
    render(<TasksPanel />);
    await screen.findByRole("listitem", { name: "A" });
    await userEvent.selectOptions(screen.getByLabelText("Status"), "open");
    await userEvent.selectOptions(screen.getByLabelText("Priority", { selector: "#filter-priority" }), "high");
    await userEvent.selectOptions(screen.getByLabelText("Sort"), "due-asc");
    await userEvent.type(screen.getByLabelText("Tag"), "work");
    await userEvent.type(screen.getByLabelText("Search"), "report");
    await waitFor(() => {
      const last = listGets(backend).at(-1)!;
      expect(Object.fromEntries(last.query)).toEqual({
        status: "open",
        priority: "high",
        tag: "work",
        q: "report",
        sort: "due",
        order: "asc",
        page: "0",
        size: "50",
      });
    });
  });

  it("offers to clear filters when nothing matches", async () => {
    tasksBackend([task({ id: 1, title: "Open one" })]);
    render(<TasksPanel />);
    await screen.findByRole("listitem", { name: "Open one" });
    await userEvent.selectOptions(screen.getByLabelText("Status"), "completed");
    expect(await screen.findByText("No tasks match these filters.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(await screen.findByRole("listitem", { name: "Open one" })).toBeInTheDocument();
    expect(screen.getByLabelText("Status")).toHaveValue("all");
  });

  it("filters by a tag when the tag is clicked", async () => {
    const backend = tasksBackend([task({ id: 1, title: "Tagged", tags: ["garden"] })]);
    render(<TasksPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Show tasks tagged garden" }));
    expect(screen.getByLabelText("Tag")).toHaveValue("garden");
    await waitFor(() => expect(listGets(backend).at(-1)!.query.get("tag")).toBe("garden"));
  });

  it("loads more tasks when there are more than one page", async () => {
    const first = Array.from({ length: 2 }, (_, i) => task({ id: i + 1, title: `Task ${i + 1}` }));
    const backend = stubBackend({
      "GET /api/tasks": (r) =>
        r.query.get("page") === "1" ? json(200, page([task({ id: 3, title: "Task 3" })], 3, 1, 2)) : json(200, page(first, 3, 0, 2)),
    });
    render(<TasksPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Show more (1 left)" }));
    expect(await screen.findByRole("listitem", { name: "Task 3" })).toBeInTheDocument();
    expect(screen.getAllByTestId("task")).toHaveLength(3);
    expect(listGets(backend).at(-1)!.query.get("page")).toBe("1");
  });

  it("keeps the rows from Show more when another task changes", async () => {
    let tasks = Array.from({ length: 60 }, (_, i) => task({ id: i + 1, title: `Task ${i + 1}` }));
    const backend = stubBackend({
      "GET /api/tasks": (r) => {
        const size = Number(r.query.get("size"));
        const pageNo = Number(r.query.get("page"));
        return json(200, page(tasks.slice(pageNo * size, (pageNo + 1) * size), tasks.length, pageNo, size));
      },
      "PATCH /api/tasks/:id": (r) => {
        const id = Number(r.path.split("/").pop());
        tasks = tasks.map((t) => (t.id === id ? { ...t, ...(r.body as object) } : t));
        return json(200, tasks.find((t) => t.id === id));
      },
    });
    render(<TasksPanel />);
    await userEvent.click(await screen.findByRole("button", { name: "Show more (10 left)" }));
    await screen.findByRole("listitem", { name: "Task 60" });
    const gets = listGets(backend).length;
    await userEvent.click(screen.getByRole("checkbox", { name: "Completed: Task 2" }));
    await waitFor(() => expect(listGets(backend).length).toBe(gets + 1));
    expect(listGets(backend).at(-1)!.query.get("size")).toBe("100");
    await waitFor(() => expect(screen.queryByText("Updating…")).not.toBeInTheDocument());
    expect(screen.getAllByTestId("task")).toHaveLength(60);
    expect(screen.getByRole("listitem", { name: "Task 60" })).toBeInTheDocument();
  });

  it("reloads when told the assistant changed tasks, keeping the list on screen", async () => {
    const backend = tasksBackend([task({ id: 1, title: "Before" })]);
    const { rerender } = render(<TasksPanel refreshKey={0} />);
    await screen.findByRole("listitem", { name: "Before" });
    const before = listGets(backend).length;
    backend.tasks().push(task({ id: 2, title: "Added by the assistant" }));
    await act(async () => rerender(<TasksPanel refreshKey={1} />));
    expect(await screen.findByRole("listitem", { name: "Added by the assistant" })).toBeInTheDocument();
    expect(listGets(backend).length).toBe(before + 1);
  });
});
