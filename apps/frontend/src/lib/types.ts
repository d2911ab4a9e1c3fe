// Shapes of the backend's JSON, as docs/api.md defines them.

export type Priority = "low" | "medium" | "high";

export interface User {
  id: number | string;
  email: string;
  displayName: string | null;
}

export interface AuthResponse {
  token: string;
  user: User;
}

export interface Task {
  id: number | string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  dueDate: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface TaskPage {
  items: Task[];
  page: number;
  size: number;
  total: number;
}

export type StatusFilter = "all" | "open" | "completed";
export type SortField = "created" | "due" | "priority";
export type SortOrder = "asc" | "desc";

export interface TaskQuery {
  status: StatusFilter;
  priority: Priority | "";
  tag: string;
  q: string;
  sort: SortField;
  order: SortOrder;
  page: number;
  size: number;
}

export interface TaskInput {
  title: string;
  description?: string | null;
  priority?: Priority;
  dueDate?: string | null;
  tags?: string[];
}

export type TaskPatch = Partial<TaskInput> & { completed?: boolean };

export type ToolName = "add_task" | "list_tasks" | "complete_task" | "delete_task" | "update_task";

export interface Action {
  tool: ToolName;
  taskId: number | string | null;
  summary: string;
}

export interface AssistantInfo {
  mode: "offline" | "llm";
  model: string | null;
  hint: string | null;
}

export interface ChatReply {
  conversationId: number | string;
  reply: string;
  actions: Action[];
}

export interface Conversation {
  id: number | string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChatMessage {
  id: number | string;
  role: "user" | "assistant";
  content: string;
  actions: Action[];
  createdAt: string;
}
