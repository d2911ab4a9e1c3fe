import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  // Vite (oxc) compiles TSX with the automatic runtime; no React plugin is needed for tests.
  oxc: { jsx: { runtime: "automatic" } },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
    // West of UTC, so a date handled as UTC somewhere shows up as the wrong day (CI runs in UTC).
    env: { TZ: "America/Los_Angeles" },
  },
});
