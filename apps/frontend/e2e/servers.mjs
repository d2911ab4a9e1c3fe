// Starting and stopping the real servers the end-to-end tests drive: the backend jar on its
// embedded H2 database with the offline assistant, and the frontend server (server/) on the
// static export of the UI.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const running = new Set();

/** Starts a command in its own process group, its output going to logFile. */
export function startProcess(name, command, args, { env, cwd, logFile }) {
  mkdirSync(join(logFile, ".."), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const proc = { name, child, logFile, exited: null };
  child.on("exit", (code, signal) => {
    proc.exited = { code, signal };
    running.delete(proc);
  });
  running.add(proc);
  return proc;
}

export async function waitForHttp(proc, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (proc.exited) throw new Error(`${proc.name} exited (${JSON.stringify(proc.exited)}) before ${url} answered; see ${proc.logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs / 1000} s (last: ${last}); see ${proc.logFile}`);
}

/** SIGTERM to the whole process group, SIGKILL after a grace period. */
export async function stopProcess(proc, graceMs = 8000) {
  if (!proc || proc.exited) return;
  const signal = (sig) => {
    try {
      process.kill(-proc.child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (!proc.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!proc.exited) signal("SIGKILL");
}

export async function stopAll() {
  await Promise.all([...running].map((p) => stopProcess(p)));
}

/** Kills the process groups synchronously: for exit paths that cannot wait (a second Ctrl-C). */
export function killAllNow() {
  for (const p of running) {
    try {
      process.kill(-p.child.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

/** The backend's runnable jar: BACKEND_JAR, or the one `./mvnw -pl apps/backend package` builds. */
export function backendJar(frontendDir) {
  return process.env.BACKEND_JAR || join(frontendDir, "..", "backend", "target", "quarkus-app", "quarkus-run.jar");
}

/** The backend as the operator's dev profile runs it: embedded H2 in a fresh directory, offline assistant. */
export async function startBackend({ frontendDir, logDir }) {
  const jar = backendJar(frontendDir);
  if (!existsSync(jar)) {
    throw new Error(`Backend jar missing: ${jar}. Build it with: ./mvnw -B -ntp -pl apps/backend package -DskipTests`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "todo-e2e-data-"));
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, JWT_SECRET: randomBytes(32).toString("hex"), AI_PROVIDER: "none" };
  for (const key of ["DATABASE_URL", "AI_BASE_URL", "AI_API_KEY", "AI_MODEL", "CORS_ORIGINS"]) delete env[key];
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
  const proc = startProcess("backend", java, ["-Xmx384m", "-jar", jar], { env, cwd: dataDir, logFile: join(logDir, "backend.log") });
  proc.url = `http://127.0.0.1:${port}`;
  proc.cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  await waitForHttp(proc, `${proc.url}/health`, 120_000);
  return proc;
}

/** The frontend server (what the image runs: dist/todo-frontend on the static export out/), forwarding /api to backendUrl. */
export async function startFrontend({ frontendDir, logDir, backendUrl, name = "frontend" }) {
  const server = join(frontendDir, "dist", "todo-frontend");
  const staticDir = join(frontendDir, "out");
  for (const built of [server, join(staticDir, "index.html")]) {
    if (!existsSync(built)) throw new Error(`${built} missing: run \`npm run build\` first.`);
  }
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", BACKEND_URL: backendUrl, STATIC_DIR: staticDir };
  const proc = startProcess(name, server, [], { env, cwd: frontendDir, logFile: join(logDir, `${name}.log`) });
  proc.url = `http://127.0.0.1:${port}`;
  await waitForHttp(proc, `${proc.url}/healthz`, 60_000);
  return proc;
}
