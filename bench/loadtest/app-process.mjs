// The app under load: the built server (dist/github/server.js), as `npm start` runs it,
// in its own process group (so the whole group, worker threads' process included, is killed at
// the end), pointed at the fake GitHub. Its warnings and errors are tallied for the report.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { killGroup, onCleanup } from "./cleanup.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Whether `exit` settles within `ms`; the timer is cleared when it does (a pending one kept callers' processes alive). */
async function exitWithin(exit, ms) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([exit.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
const PINO_LEVELS = { 40: "warn", 50: "error", 60: "fatal" };

function get(port, urlPath, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, timeout: timeoutMs }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

/** Warnings and errors by message, with a few examples each (the app logs JSON lines). */
class LogTally {
  constructor() {
    this.byMessage = new Map();
    this.tail = [];
  }

  line(text) {
    this.tail.push(text);
    if (this.tail.length > 40) this.tail.shift();
    let entry;
    try {
      entry = JSON.parse(text);
    } catch {
      return this.add("(not JSON)", "warn", text);
    }
    const level = PINO_LEVELS[entry.level];
    if (level) this.add(String(entry.msg ?? "(no message)"), level, entry.err?.message ?? entry.reason ?? undefined);
  }

  add(message, level, detail) {
    let t = this.byMessage.get(message);
    if (!t) {
      t = { level, count: 0, examples: [] };
      this.byMessage.set(message, t);
    }
    t.count++;
    if (detail && t.examples.length < 3 && !t.examples.includes(String(detail).slice(0, 300))) t.examples.push(String(detail).slice(0, 300));
  }

  summary() {
    return [...this.byMessage].map(([message, t]) => ({ message, ...t })).sort((a, b) => b.count - a.count);
  }
}

function linesOf(stream, onLine) {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop();
    for (const part of parts) if (part.trim()) onLine(part);
  });
}

/**
 * The app's whole environment, nothing inherited but PATH: the caller's REDIS_URL,
 * WEBHOOK_PROXY_URL or SENTRY_DSN would make Probot reach beyond this machine. GitHub is the fake
 * (GHE_HOST + GHE_PROTOCOL), the key is the tests' key, scratch space and graph cache are temp dirs.
 */
export function appEnv({ repoRoot, fakeHost, port, secret, cacheDir, tmpDir, settleMs }) {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    TMPDIR: tmpDir,
    APP_ID: "123",
    PRIVATE_KEY: readFileSync(path.join(repoRoot, "test/fixtures/github/test-app-key.pem"), "utf8"),
    WEBHOOK_SECRET: secret,
    PORT: String(port),
    HOST: "127.0.0.1",
    GHE_HOST: fakeHost,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    ARCHREVIEW_CACHE_DIR: cacheDir,
    ARCHREVIEW_SETTLE_MS: String(settleMs),
  };
}

/**
 * Starts the app. `env`: the Probot and ARCHREVIEW_* variables. It runs from `cwd` (an empty temp
 * dir): Probot reads `.env` and a lone `*.pem` from its working directory, and a developer's real
 * credentials there must never point this load at real GitHub.
 */
export async function startApp({ repoRoot, cwd, env, port, deadline }) {
  const entry = path.join(repoRoot, "dist/github/server.js");
  const child = spawn(process.execPath, [entry], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let exited = null;
  // Not once it has exited: its pid (and group id) could by then belong to someone else.
  onCleanup(() => exited || killGroup(child.pid));
  const logs = new LogTally();
  linesOf(child.stdout, (line) => logs.line(line));
  linesOf(child.stderr, (line) => logs.line(line));
  const exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve((exited = { code, signal }))));

  // Ready when the server's /ping answers; bounded by the run's deadline and 60 s.
  const until = Math.min(deadline, Date.now() + 60_000);
  for (;;) {
    if (exited) throw new Error(`the app exited at start (${JSON.stringify(exited)}):\n${logs.tail.join("\n")}`);
    if (Date.now() > until) throw new Error(`the app did not answer GET /ping in time:\n${logs.tail.join("\n")}`);
    const ping = await get(port, "/ping").catch(() => null);
    if (ping?.status === 200) break;
    await sleep(100);
  }

  return {
    logs,
    metrics: () => get(port, "/metrics").then((r) => r.text),
    /** SIGKILL to the group at once: the process dies mid-work, as in a crash. */
    async kill() {
      if (exited) return;
      killGroup(child.pid, "SIGKILL");
      await exit;
    },
    /** SIGTERM to the group, SIGKILL if it is still there after 5 s. */
    async stop() {
      if (exited) return;
      killGroup(child.pid, "SIGTERM");
      const gone = await exitWithin(exit, 5000);
      if (!gone) killGroup(child.pid, "SIGKILL");
      await exitWithin(exit, 2000);
    },
  };
}

/** A labelled counter or gauge of /metrics as { label value: number }. */
function series(metricsText, name, label) {
  const out = {};
  const pattern = new RegExp(`^${name}\\{[^}]*${label}="([^"]+)"[^}]*\\}\\s+(\\S+)`);
  for (const line of metricsText.split("\n")) {
    const m = pattern.exec(line);
    if (m) out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]);
  }
  return out;
}

/** The app's own view (a cross-check of the fake's): reviews by outcome, queue depth, API errors. */
export function appMetrics(metricsText) {
  return {
    reviews: series(metricsText, "archreview_reviews_total", "outcome"),
    queue: series(metricsText, "archreview_queue_depth", "state"),
    apiErrors: series(metricsText, "archreview_github_api_errors_total", "status"),
  };
}
