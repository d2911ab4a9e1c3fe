import { describe, expect, it } from "vitest";
import { backendTarget } from "@/proxy";

describe("the /api forwarding target", () => {
  it("is BACKEND_URL from the environment, with the path and query kept", () => {
    expect(backendTarget("/api/tasks", "?q=milk&page=1", { BACKEND_URL: "http://todo-backend:8080" }).href).toBe(
      "http://todo-backend:8080/api/tasks?q=milk&page=1",
    );
  });

  it("tolerates a trailing slash and a path prefix in BACKEND_URL", () => {
    expect(backendTarget("/api/auth/me", "", { BACKEND_URL: "http://10.0.0.5:9000/" }).href).toBe("http://10.0.0.5:9000/api/auth/me");
    expect(backendTarget("/api/auth/me", "", { BACKEND_URL: "https://example.org/todo/" }).href).toBe(
      "https://example.org/todo/api/auth/me",
    );
  });

  it("defaults to a backend on localhost:8080 when BACKEND_URL is unset", () => {
    expect(backendTarget("/api/tasks", "", {}).href).toBe("http://localhost:8080/api/tasks");
  });
});
