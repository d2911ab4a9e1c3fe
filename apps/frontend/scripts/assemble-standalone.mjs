// After `next build`: copy the static assets next to the standalone server, which serves them
// from there (Next.js leaves them out, expecting a CDN), and make server.js load
// server/hide-backend-url.cjs first. The result, .next/standalone, is what the image ships and
// what the end-to-end tests run: `node .next/standalone/server.js`.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const standalone = join(root, ".next", "standalone");
if (!existsSync(join(standalone, "server.js"))) {
  console.error("No .next/standalone/server.js: run `next build` (output: standalone) first.");
  process.exit(1);
}
for (const [from, to] of [
  [join(root, ".next", "static"), join(standalone, ".next", "static")],
  [join(root, "public"), join(standalone, "public")],
]) {
  rmSync(to, { recursive: true, force: true });
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}
cpSync(join(root, "server", "hide-backend-url.cjs"), join(standalone, "hide-backend-url.cjs"));
const serverJs = join(standalone, "server.js");
const preload = 'require("./hide-backend-url.cjs");\n';
const source = readFileSync(serverJs, "utf8");
if (!source.startsWith(preload)) writeFileSync(serverJs, preload + source);
console.log(`Standalone server ready: ${join(standalone, "server.js")}`);
