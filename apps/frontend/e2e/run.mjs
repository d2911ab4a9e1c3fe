// End-to-end tests: the real backend jar (embedded H2, offline assistant) and the real frontend
// server (server/, on the static export of the UI), driven by playwright-core in Debian's Chromium. No browser download, no
// mocked backend. Screenshots of each main screen, and of every page open when a test fails,
// go to test-results/e2e/. Usage: node e2e/run.mjs [name filter]
import { createServer } from "node:http";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { killAllNow, startBackend, startFrontend, stopAll, stopProcess } from "./servers.mjs";

const frontendDir = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(frontendDir, "test-results", "e2e");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];
const TIMEOUT = 20_000;
const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

class AssertionError extends Error {}
function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

let userCounter = 0;
function newAccount(label = "user") {
  userCounter += 1;
  return { email: `${label}-${Date.now()}-${userCounter}@example.com`, password: "e2e-password-1", name: `${label} ${userCounter}` };
}

// ---- helpers on the UI, written the way a person finds things: by labels and roles ----

const taskItem = (page, title) => page.getByRole("listitem", { name: title, exact: true });

/** Whether any header of response names the backend (its host:port). */
function revealsBackend(response, backendUrl) {
  const hostPort = new URL(backendUrl).host;
  return [...response.headers].some(([, value]) => value.includes(hostPort));
}

async function signUp(page, base, account) {
  await page.goto(`${base}/signup`);
  await page.getByLabel("Name (optional)").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByRole("heading", { name: "Tasks" }).waitFor();
  await page.getByTestId("current-user").filter({ hasText: account.name }).waitFor();
}

async function logIn(page, base, account) {
  await page.goto(`${base}/login`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { name: "Tasks" }).waitFor();
}

async function addTask(page, title) {
  await page.getByLabel("New task title").fill(title);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await taskItem(page, title).waitFor();
}

async function listLoaded(page) {
  await page.getByRole("status").filter({ hasText: "Loading tasks" }).waitFor({ state: "detached" });
}

async function chat(page, message) {
  const replies = page.getByTestId("message-assistant");
  const before = await replies.count();
  await page.getByLabel("Message the assistant").fill(message);
  await page.keyboard.press("Enter");
  await replies.nth(before).waitFor();
  return replies.nth(before);
}

// ---- the tests ----

test("sign up, add a task in the UI, and still see it after a reload", async ({ page, base, shot }) => {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/login$/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL(/\/signup$/);
  await shot(page, "signup");
  const account = newAccount("ada");
  await signUp(page, base, account);
  await page.getByText("No tasks yet").waitFor();
  await shot(page, "tasks-empty");
  await addTask(page, "Write the quarterly report");
  await addTask(page, "Book flights");
  await page.reload();
  await taskItem(page, "Write the quarterly report").waitFor();
  await taskItem(page, "Book flights").waitFor();
  assert((await page.getByTestId("task").count()) === 2, "two tasks after reload");
  await shot(page, "tasks");
});

test("add a task through the chat: the reply says what was done and the list refreshes", async ({ page, base, shot }) => {
  await signUp(page, base, newAccount("chat"));
  await page.getByTestId("offline-notice").waitFor();
  const reply = await chat(page, "add buy oat milk tomorrow #groceries");
  const actions = reply.getByTestId("assistant-actions");
  await actions.waitFor();
  assert(/Added/.test(await actions.innerText()), `actions under the reply name the add: ${await actions.innerText()}`);
  const item = taskItem(page, "buy oat milk");
  await item.waitFor();
  assert(/#groceries/.test(await item.innerText()), "the tag from the chat is on the task");
  assert(/Due/.test(await item.innerText()), "the due date from the chat is on the task");
  await shot(page, "chat");

  // The history comes back from the backend after a reload, with the actions.
  await page.reload();
  await page.getByRole("log", { name: "Messages" }).getByText("add buy oat milk tomorrow #groceries").waitFor();
  await page.getByTestId("assistant-actions").first().waitFor();
  await page.getByRole("navigation", { name: "Conversations" }).getByRole("button").first().waitFor();
  await taskItem(page, "buy oat milk").waitFor();

  // Completing through the chat also refreshes the list.
  await chat(page, "mark buy oat milk as done");
  await page.waitForFunction(() => {
    const box = [...document.querySelectorAll('input[type="checkbox"]')].find((b) => b.getAttribute("aria-label") === "Completed: buy oat milk");
    return box && box.checked;
  }, null, { timeout: TIMEOUT });
});

test("complete one task and delete another; both stay so after a reload", async ({ page, base }) => {
  await signUp(page, base, newAccount("done"));
  await addTask(page, "Pay rent");
  await addTask(page, "Old idea");
  await addTask(page, "Water plants");
  // Reload only once the backend has answered: a reload aborts a request still in flight.
  const saved = () => page.waitForResponse((r) => r.request().method() === "PATCH" && /\/api\/tasks\/[^/]+$/.test(new URL(r.url()).pathname) && r.ok());
  await Promise.all([saved(), page.getByRole("checkbox", { name: "Completed: Pay rent" }).check()]);
  await page.waitForFunction(() => document.querySelector('[aria-label="Completed: Pay rent"]')?.checked === true);
  await page.getByRole("button", { name: "Delete Old idea" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await taskItem(page, "Old idea").waitFor({ state: "detached" });

  await page.reload();
  await taskItem(page, "Water plants").waitFor();
  assert(await page.getByRole("checkbox", { name: "Completed: Pay rent" }).isChecked(), "Pay rent is still completed");
  assert(!(await page.getByRole("checkbox", { name: "Completed: Water plants" }).isChecked()), "Water plants is still open");
  assert((await taskItem(page, "Old idea").count()) === 0, "the deleted task stays deleted");

  // Uncomplete works too.
  await Promise.all([saved(), page.getByRole("checkbox", { name: "Completed: Pay rent" }).uncheck()]);
  await page.reload();
  await taskItem(page, "Pay rent").waitFor();
  assert(!(await page.getByRole("checkbox", { name: "Completed: Pay rent" }).isChecked()), "Pay rent reopened");
});

test("edit a task's title, description, priority, due date and tags", async ({ page, base, shot }) => {
  await signUp(page, base, newAccount("edit"));
  await addTask(page, "Draft");
  await page.getByRole("button", { name: "Edit Draft" }).click();
  await page.getByLabel("Title", { exact: true }).fill("Final report");
  await page.getByLabel("Description", { exact: true }).fill("Send to the board");
  await page.getByLabel("Priority").last().selectOption("high");
  await page.getByLabel("Due date").fill("2031-05-06");
  await page.getByLabel("Tags (comma-separated)").fill("Work, board");
  await shot(page, "task-edit");
  await page.getByRole("button", { name: "Save" }).click();
  const item = taskItem(page, "Final report");
  await item.waitFor();
  await page.reload();
  await item.waitFor();
  const text = await item.innerText();
  for (const part of ["Send to the board", "High", "6 May 2031", "#work", "#board"]) assert(text.includes(part), `edited task shows ${part}: ${text}`);
});

test("filter by status, priority and tag, search, and sort", async ({ page, base, shot }) => {
  await signUp(page, base, newAccount("filter"));
  const api = page.request;
  const create = async (body) => {
    const r = await api.post(`${base}/api/tasks`, { data: body });
    assert(r.status() === 201, `create ${body.title}: ${r.status()}`);
    return r.json();
  };
  await create({ title: "Alpha low", priority: "low", dueDate: "2031-03-01", tags: ["home"] });
  const beta = await create({ title: "Beta high", priority: "high", dueDate: "2031-01-01", tags: ["work"] });
  await create({ title: "Gamma medium", priority: "medium", dueDate: "2031-02-01", tags: ["work"] });
  assert((await api.patch(`${base}/api/tasks/${beta.id}`, { data: { completed: true } })).ok(), "complete Beta");
  await page.reload();
  await taskItem(page, "Gamma medium").waitFor();

  const titles = async () => {
    await listLoaded(page);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    return page.locator(".task-title").allInnerTexts();
  };
  const expectTitles = async (expected, what) => {
    let got;
    for (let i = 0; i < 40; i++) {
      got = await titles();
      if (JSON.stringify(got) === JSON.stringify(expected)) return;
      await page.waitForTimeout(150);
    }
    throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  };

  await expectTitles(["Gamma medium", "Beta high", "Alpha low"], "newest first by default");
  await page.getByLabel("Sort", { exact: true }).selectOption("due-asc");
  await expectTitles(["Beta high", "Gamma medium", "Alpha low"], "sorted by due date");
  await page.getByLabel("Sort", { exact: true }).selectOption("priority-desc");
  await expectTitles(["Beta high", "Gamma medium", "Alpha low"], "sorted by priority");
  await page.getByLabel("Status", { exact: true }).selectOption("completed");
  await expectTitles(["Beta high"], "completed only");
  await page.getByLabel("Status", { exact: true }).selectOption("open");
  await expectTitles(["Gamma medium", "Alpha low"], "open only");
  await page.getByLabel("Tag", { exact: true }).fill("work");
  await expectTitles(["Gamma medium"], "open and tagged work");
  await page.getByLabel("Tag", { exact: true }).fill("");
  await page.getByLabel("Status", { exact: true }).selectOption("all");
  await page.getByLabel("Priority").last().selectOption("low");
  await expectTitles(["Alpha low"], "low priority");
  await page.getByLabel("Priority").last().selectOption("");
  await page.getByLabel("Search", { exact: true }).fill("gamma");
  await expectTitles(["Gamma medium"], "search");
  await page.getByLabel("Search", { exact: true }).fill("nothing like this");
  await page.getByText("No tasks match these filters.").waitFor();
  await shot(page, "tasks-no-match");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expectTitles(["Beta high", "Gamma medium", "Alpha low"], "filters cleared, sort kept");
});

test("log out and back in: the tasks are still there; a wrong password is refused", async ({ page, base, shot }) => {
  const account = newAccount("back");
  await signUp(page, base, account);
  await addTask(page, "Survives logout");
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL(/\/login$/);
  // The cookie is gone: the app is not reachable any more.
  await page.goto(`${base}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." }).waitFor();
  await shot(page, "login-error");
  await logIn(page, base, account);
  await taskItem(page, "Survives logout").waitFor();
});

test("a second user sees none of the first user's tasks and cannot open them", async ({ newContext, page, base, shot }) => {
  await signUp(page, base, newAccount("first"));
  await addTask(page, "Private to the first user");
  const mine = await (await page.request.get(`${base}/api/tasks`)).json();
  const firstId = mine.items[0].id;

  {
    const page2 = await (await newContext()).newPage();
    await signUp(page2, base, newAccount("second"));
    await page2.getByText("No tasks yet").waitFor();
    assert((await taskItem(page2, "Private to the first user").count()) === 0, "second user does not see the task");
    const direct = await page2.request.get(`${base}/api/tasks/${firstId}`);
    assert(direct.status() === 404, `second user opening the first user's task by id gets 404, got ${direct.status()}`);
    const del = await page2.request.delete(`${base}/api/tasks/${firstId}`);
    assert(del.status() === 404, `second user deleting it gets 404, got ${del.status()}`);
    await shot(page2, "second-user");
  }
  await page.reload();
  await taskItem(page, "Private to the first user").waitFor();
});

test("the session is an httpOnly cookie; no token is kept in JavaScript", async ({ page, context, base }) => {
  await signUp(page, base, newAccount("cookie"));
  const cookies = await context.cookies(base);
  const session = cookies.find((c) => c.name === "todo_session");
  assert(session, "todo_session cookie set");
  assert(session.httpOnly, "todo_session is httpOnly");
  const visible = await page.evaluate(() => ({ cookie: document.cookie, local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  assert(!visible.cookie.includes("todo_session"), "document.cookie cannot read the session");
  assert(visible.local === "{}" && visible.session === "{}", `nothing in web storage: ${visible.local} ${visible.session}`);
});

test("pages are served with security headers; /api responses are the backend's own", async ({ base, backendUrl }) => {
  for (const path of ["/", "/login", "/healthz"]) {
    const r = await fetch(`${base}${path}`);
    assert(r.headers.get("x-content-type-options") === "nosniff", `${path}: nosniff`);
    assert(r.headers.get("x-frame-options") === "DENY", `${path}: not framable`);
    assert(r.headers.get("referrer-policy") === "same-origin", `${path}: referrer policy`);
    assert(!r.headers.get("x-powered-by"), `${path}: no x-powered-by`);
  }
  const api = await fetch(`${base}/api/auth/me`);
  assert(api.status === 401, `/api/auth/me without a session is the backend's 401, got ${api.status}`);
  assert(!api.headers.get("permissions-policy"), "the UI's headers are not added to /api responses");
  assert(!revealsBackend(api, backendUrl), `/api responses do not reveal BACKEND_URL: ${[...api.headers]}`);
});

test("on a phone-width screen, tabs switch between the tasks and the assistant", async ({ newContext, base, shot }) => {
  {
    const page = await (await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signUp(page, base, newAccount("phone"));
    await addTask(page, "Small screen task");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(overflow <= 0, `no horizontal scrolling at 390 px (overflow ${overflow}px)`);
    assert(!(await page.getByRole("heading", { name: "Assistant" }).isVisible()), "assistant hidden behind its tab");
    await shot(page, "phone-tasks");
    await page.getByRole("button", { name: "Assistant", exact: true }).click();
    await page.getByLabel("Message the assistant").waitFor();
    assert(!(await page.getByRole("heading", { name: "Tasks" }).isVisible()), "tasks hidden behind their tab");
    await chat(page, "add phone chat task");
    await shot(page, "phone-chat");
    await page.getByRole("button", { name: "Tasks", exact: true }).click();
    await taskItem(page, "phone chat task").waitFor();
  }
});

test("keyboard only: log in, add a task and complete it", async ({ page, base }) => {
  const account = newAccount("keys");
  await signUp(page, base, account);
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL(/\/login$/);
  await page.getByLabel("E-mail").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "email");
  await page.keyboard.type(account.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(account.password);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Tasks" }).waitFor();
  await listLoaded(page);

  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? "");
  let tabs = 0;
  while ((await focusedId()) !== "new-task-title" && tabs < 25) {
    await page.keyboard.press("Tab");
    tabs += 1;
  }
  assert((await focusedId()) === "new-task-title", "the new-task field is reachable with Tab");
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Enter");
  await taskItem(page, "Typed without a mouse").waitFor();

  // Tab onward to the task's checkbox and tick it with Space.
  const isCheckbox = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
  tabs = 0;
  while ((await isCheckbox()) !== "Completed: Typed without a mouse" && tabs < 40) {
    await page.keyboard.press("Tab");
    tabs += 1;
  }
  assert((await isCheckbox()) === "Completed: Typed without a mouse", "the task's checkbox is reachable with Tab");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.querySelector('[aria-label="Completed: Typed without a mouse"]')?.checked === true);
});

test("one build, any backend: BACKEND_URL is read when the server starts", async ({ base, logDir }) => {
  // A second server from the same build, pointed at a different backend (a recorder), must
  // forward there; the main server keeps talking to the real backend.
  const seen = [];
  const recorder = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ from: "recorder" }));
  });
  await new Promise((r) => recorder.listen(0, "127.0.0.1", r));
  const other = await startFrontend({ frontendDir, logDir, backendUrl: `http://127.0.0.1:${recorder.address().port}`, name: "frontend-other-backend" });
  try {
    const otherResponse = await fetch(`${other.url}/api/assistant?x=1`);
    assert(!revealsBackend(otherResponse, `http://127.0.0.1:${recorder.address().port}`), `the forwarded response does not name the backend: ${[...otherResponse.headers]}`);
    const viaOther = await otherResponse.json();
    assert(viaOther.from === "recorder", `second server forwarded to its own BACKEND_URL: ${JSON.stringify(viaOther)}`);
    assert(seen.includes("GET /api/assistant?x=1"), `recorder saw the request: ${seen}`);
    const viaMain = await fetch(`${base}/api/assistant`);
    assert(viaMain.status === 401, `main server still reaches the real backend (401 without a session): ${viaMain.status}`);
    const health = await fetch(`${other.url}/healthz`);
    assert(health.status === 200, "healthz answers");
  } finally {
    await stopProcess(other);
    recorder.close();
  }
});

test("when the backend is down, the app says so and offers a retry instead of a blank page", async ({ newContext, logDir, shot }) => {
  const { freePort } = await import("./servers.mjs");
  const deadPort = await freePort(); // nothing listens there
  const lonely = await startFrontend({ frontendDir, logDir, backendUrl: `http://127.0.0.1:${deadPort}`, name: "frontend-no-backend" });
  try {
    const page = await (await newContext()).newPage();
    await page.goto(`${lonely.url}/`);
    // (Next.js's route announcer is also role="alert": look for ours by its text.)
    await page.getByRole("alert").filter({ hasText: /server had a problem|cannot reach the server/i }).waitFor();
    await page.getByRole("button", { name: "Try again" }).waitFor();
    await shot(page, "backend-down");
    await page.goto(`${lonely.url}/login`);
    await page.getByLabel("E-mail").fill("nobody@example.com");
    await page.getByLabel("Password").fill("whatever-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("alert").filter({ hasText: /server had a problem|cannot reach the server/i }).waitFor();
    assert(await page.getByRole("button", { name: "Log in" }).isEnabled(), "the form can be sent again");
  } finally {
    await stopProcess(lonely);
  }
});

/** axe-core's WCAG 2 A/AA rules on the page as it is now; returns the violations, described. */
async function accessibilityViolations(page) {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  return result;
}

test("every screen passes axe-core's WCAG 2.1 A/AA checks (labels, contrast, roles)", async ({ page, newContext, base }) => {
  const problems = [];
  const check = async (p, screen) => {
    for (const v of await accessibilityViolations(p)) problems.push(`${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(", ")}`);
  };
  await page.goto(`${base}/login`);
  await page.getByLabel("E-mail").waitFor();
  await check(page, "login");
  await page.goto(`${base}/signup`);
  await page.getByLabel("Name (optional)").waitFor();
  await check(page, "signup");
  await signUp(page, base, newAccount("a11y"));
  await page.getByText("No tasks yet").waitFor();
  await page.getByTestId("offline-notice").waitFor();
  await check(page, "tasks, empty");
  await addTask(page, "Accessible task");
  await chat(page, "add second accessible task #a11y");
  await taskItem(page, "second accessible task").waitFor();
  await check(page, "tasks and chat");
  await page.getByRole("button", { name: "Edit Accessible task" }).click();
  await check(page, "editing a task");
  const phone = await (await newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await logInAs(phone, base, page);
  await check(phone, "phone");
  assert(problems.length === 0, `accessibility problems:\n  ${problems.join("\n  ")}`);
});

/** Opens the app in another context with the same session cookie as `page`. */
async function logInAs(target, base, page) {
  await target.context().addCookies(await page.context().cookies(base));
  await target.goto(`${base}/`);
  await target.getByRole("heading", { name: "Tasks" }).waitFor();
  await listLoaded(target);
}

// ---- the runner ----

async function main() {
  const filter = process.argv[2];
  const selected = filter ? tests.filter((t) => t.name.includes(filter)) : tests;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const logDir = join(outDir, "logs");

  let shotNo = 0;
  const shot = async (page, name) => {
    shotNo += 1;
    await page.screenshot({ path: join(outDir, `${String(shotNo).padStart(2, "0")}-${name}.png`), fullPage: true });
  };

  const stop = async (code) => {
    await stopAll();
    backend?.cleanup?.();
    process.exit(code);
  };
  let interrupted = false;
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (interrupted) {
        killAllNow();
        process.exit(130);
      }
      interrupted = true;
      console.error(`\n${sig}: stopping the servers…`);
      void stop(130);
    });
  }

  let backend;
  let frontend;
  let browser;
  const failures = [];
  try {
    console.log("e2e: starting the backend (embedded H2, offline assistant)…");
    backend = await startBackend({ frontendDir, logDir });
    console.log(`e2e: backend up at ${backend.url}; starting the frontend server…`);
    frontend = await startFrontend({ frontendDir, logDir, backendUrl: backend.url });
    console.log(`e2e: frontend up at ${frontend.url}; launching ${CHROMIUM}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

    for (const t of selected) {
      // Every browser context of a test, so all of its pages are photographed if it fails.
      const contexts = [];
      const consoleErrors = [];
      const newContext = async (options = {}) => {
        const c = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
        c.setDefaultTimeout(TIMEOUT);
        c.on("page", (p) => p.on("pageerror", (e) => consoleErrors.push(e.message)));
        contexts.push(c);
        return c;
      };
      const context = await newContext();
      const page = await context.newPage();
      const started = Date.now();
      try {
        await t.fn({ browser, newContext, context, page, base: frontend.url, backendUrl: backend.url, shot, logDir });
        assert(consoleErrors.length === 0, `uncaught errors in the page: ${consoleErrors.join("; ")}`);
        console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
      } catch (e) {
        failures.push({ name: t.name, error: e });
        console.log(`  ✗ ${t.name}\n      ${String(e.stack || e).split("\n").slice(0, 6).join("\n      ")}`);
        const slug = t.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
        for (const [i, p] of contexts.flatMap((c) => c.pages()).entries()) {
          await p.screenshot({ path: join(outDir, `FAILED-${slug}-${i}.png`), fullPage: true }).catch(() => undefined);
        }
      } finally {
        for (const c of contexts) await c.close().catch(() => undefined);
      }
    }
  } catch (e) {
    failures.push({ name: "setup", error: e });
    console.error(`e2e setup failed: ${e.message}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopAll();
    backend?.cleanup?.();
  }

  const setupFailed = failures.some((f) => f.name === "setup");
  const testFailures = failures.filter((f) => f.name !== "setup").length;
  console.log(
    setupFailed
      ? `\ne2e: FAILED before or between tests (${testFailures} test failures); logs in ${logDir}`
      : `\ne2e: ${selected.length - testFailures} of ${selected.length} passed; screenshots and server logs in ${outDir}`,
  );
  process.exit(failures.length === 0 ? 0 : 1);
}

main();
