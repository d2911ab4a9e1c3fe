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
    // A test that types into a form with user-event takes ~1 s alone; in a cold CI run, nice'd beside
    // the Go and Maven builds on 2 cores, two took over vitest's default 5 s. A timeout is not what
    // these tests assert: give them room.
    testTimeout: 30_000,
  },
});
