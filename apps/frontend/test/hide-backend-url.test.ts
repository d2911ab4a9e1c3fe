// @vitest-environment node
import { createRequire } from "node:module";
import http from "node:http";
import type { AddressInfo } from "node:net";

const require = createRequire(import.meta.url);
const { install, revealsBackend } = require("../server/hide-backend-url.cjs") as {
  install: (h: typeof http) => void;
  revealsBackend: (name: string, value: unknown) => boolean;
};

describe("hide-backend-url (loaded first by the standalone server)", () => {
  it("recognises only an absolute x-middleware-rewrite", () => {
    expect(revealsBackend("x-middleware-rewrite", "http://todo-backend:8080/api/tasks")).toBe(true);
    expect(revealsBackend("X-Middleware-Rewrite", ["https://10.0.0.7/api"])).toBe(true);
    expect(revealsBackend("x-middleware-rewrite", "/tasks?tab=chat")).toBe(false);
    expect(revealsBackend("location", "http://todo-backend:8080/")).toBe(false);
  });

  it("keeps the backend's address out of responses and leaves every other header alone", async () => {
    // Loading the module installed the filter; installing again must not wrap it twice.
    const installed = http.ServerResponse.prototype.setHeader;
    install(http);
    expect(http.ServerResponse.prototype.setHeader).toBe(installed);
    const server = http.createServer((_req, res) => {
      res.setHeader("x-middleware-rewrite", "http://todo-backend:8080/api/auth/me");
      res.setHeader("x-custom", "kept");
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
    const relative = http.createServer((_req, res) => {
      res.setHeader("x-middleware-rewrite", "/login");
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    await new Promise<void>((r) => relative.listen(0, "127.0.0.1", r));
    try {
      const r = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth/me`);
      expect(r.headers.get("x-middleware-rewrite")).toBeNull();
      expect(r.headers.get("x-custom")).toBe("kept");
      expect(await r.json()).toEqual({});
      const page = await fetch(`http://127.0.0.1:${(relative.address() as AddressInfo).port}/`);
      expect(page.headers.get("x-middleware-rewrite")).toBe("/login");
    } finally {
      server.close();
      relative.close();
    }
  });
});
