// `npm run loadtest`: the built app under bursts of signed pull_request deliveries, GitHub faked
// on 127.0.0.1. Reports acknowledgement latency, reviews completed, duplicates and lost reviews,
// writes bench/results/loadtest-latest.json, and exits 1 if any review was duplicated or lost.
// Never part of `npm test`: it runs for up to --max-seconds.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appEnv, appMetrics, startApp } from "./app-process.mjs";
import { HARD_CAP_SECONDS, USAGE, parseLoadArgs } from "./args.mjs";
import { cleanUpOnSignals, cleanupAll, onCleanup, tempDir } from "./cleanup.mjs";
import { closeDeliveryAgent, deliver } from "./deliver.mjs";
import { startFakeGitHub } from "./fake-github.mjs";
import { buildFixtureRepo } from "./fixture-repo.mjs";
import { pullRequestPayload } from "./payloads.mjs";
import { planBursts, prTargets } from "./plan.mjs";
import { buildResult, formatTable, writeResult } from "./report.mjs";
import { sentPushes, settled, verdict } from "./verdict.mjs";
import { appVersion } from "./version.mjs";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WEBHOOK_PATH = "/api/github/webhooks";
const log = (text) => process.stderr.write(`loadtest: ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on now, on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Sends the bursts; stops early (and says so) when the sending share of the time bound is used. */
async function sendBursts({ bursts, options, port, secret, webBase, sendUntil }) {
  const sent = [];
  for (const [b, burst] of bursts.entries()) {
    for (const d of burst) {
      if (Date.now() > sendUntil) return { sent, stoppedEarly: true };
      const payload = pullRequestPayload({ ...d.target, action: d.action, head: d.head, before: d.before }, webBase);
      const { sent: written, acked } = deliver({ port, path: WEBHOOK_PATH, secret, event: "pull_request", id: d.id, payload });
      // The next push starts once this one is on the wire: back to back, and in order.
      await written;
      sent.push({ ...d, acked });
    }
    log(`burst ${b + 1}/${bursts.length}: ${burst.length} deliveries sent`);
    if (b < bursts.length - 1) await sleep(options.pauseMs);
  }
  return { sent, stoppedEarly: false };
}

/** No GitHub request for this long and an empty queue: the app has nothing more to do. */
const IDLE_MS = 20_000;

/** True when the app's queue is empty (from /metrics); false when busy or when it cannot tell. */
async function appIdle(app) {
  const m = await app
    .metrics()
    .then(appMetrics)
    .catch(() => null);
  return m !== null && (m.queue.waiting ?? 0) + (m.queue.running ?? 0) === 0;
}

/**
 * Polls the fake until every PR's last head is reviewed and nothing is in progress; or until the
 * app has gone idle without getting there (what is missing then is lost for good); or `until`.
 */
async function drain(state, prs, app, until, quietMs) {
  while (Date.now() < until) {
    if (settled(state, prs)) {
      // A little longer: a late duplicate (a second comment, a re-completed check) shows up now.
      await sleep(Math.min(quietMs, Math.max(0, until - Date.now())));
      return { settled: settled(state, prs), endedBy: "every review done" };
    }
    if (Date.now() - state.lastRequestAt > IDLE_MS && (await appIdle(app))) return { settled: false, endedBy: `app idle for ${IDLE_MS / 1000} s with reviews missing` };
    await sleep(200);
  }
  return { settled: settled(state, prs), endedBy: "time bound" };
}

async function main() {
  const started = Date.now();
  const options = parseLoadArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const deadline = started + options.maxSeconds * 1000;
  // Last resort if something hangs past the bound: clean up and leave (unref: never keeps us alive).
  setTimeout(() => {
    log(`still running ${options.maxSeconds + 30} s after the start: giving up`);
    cleanupAll();
    process.exit(2);
  }, Math.min(options.maxSeconds, HARD_CAP_SECONDS) * 1000 + 30_000).unref();
  if (!existsSync(path.join(REPO_ROOT, "dist/index.js"))) throw new Error("dist/index.js is missing: run `npm run build` (npm run loadtest does)");

  // Before the app starts: the build under test is the working tree now, not whatever is committed later.
  const version = appVersion(REPO_ROOT);
  const scratch = tempDir("archreview-loadtest-");
  const dirs = Object.fromEntries(["repo", "app", "cache", "tmp"].map((d) => [d, path.join(scratch, d)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir);
  const repo = buildFixtureRepo(dirs.repo, path.join(REPO_ROOT, "docs/demo-sample"), options.prs, options.pushes);
  const targets = prTargets(options, repo);
  const installations = new Map(targets.map((t) => [`${t.owner}/${t.repo}`, t.installation]));

  const fake = await startFakeGitHub({ repoDir: dirs.repo, installations, apiLatencyMs: options.apiLatencyMs });
  onCleanup(fake.closeNow);
  const port = await freePort();
  const secret = randomBytes(16).toString("hex");
  const redis = options.redisUrl ? { REDIS_URL: options.redisUrl, ARCHREVIEW_REDIS_PREFIX: `loadtest-${randomBytes(6).toString("hex")}` } : {};
  const env = { ...appEnv({ repoRoot: REPO_ROOT, fakeHost: fake.host, port, secret, cacheDir: dirs.cache, tmpDir: dirs.tmp, settleMs: options.settleMs }), ...redis };
  const app = await startApp({ repoRoot: REPO_ROOT, cwd: dirs.app, env, port, deadline });
  // Worker-only instances: same Redis prefix, their own port (their /metrics are not read).
  const workers = [];
  for (let i = 0; i < options.workers; i++) {
    const cwd = path.join(scratch, `worker-${i}`);
    mkdirSync(cwd);
    const workerPort = await freePort();
    workers.push(await startApp({ repoRoot: REPO_ROOT, cwd, env: { ...env, PORT: String(workerPort), ARCHREVIEW_ROLE: "worker" }, port: workerPort, deadline }));
  }
  onCleanup(closeDeliveryAgent);
  log(`app on 127.0.0.1:${port}, fake GitHub on ${fake.host}, ${targets.length} PRs on ${options.installations} installation(s)`);

  const bursts = planBursts(options, targets);
  const planned = bursts.reduce((n, b) => n + b.length, 0);
  // Sending may use three quarters of the time left; the rest is for the reviews to finish.
  const sendUntil = Date.now() + (deadline - Date.now()) * 0.75;
  const sendStart = Date.now();
  const { sent, stoppedEarly } = await sendBursts({ bursts, options, port, secret, webBase: `http://${fake.host}`, sendUntil });
  const sendSeconds = (Date.now() - sendStart) / 1000;
  const acks = await Promise.all(sent.map((d) => d.acked));
  log(`${sent.length} deliveries acknowledged; waiting for the reviews (until ${Math.round((deadline - started) / 1000)} s after the start)`);

  const prs = sentPushes(sent.filter((d) => !d.resend));
  const drained = await drain(fake.state, prs, app, deadline, Math.max(2000, options.settleMs + 1000));
  const drainSeconds = (Date.now() - sendStart) / 1000 - sendSeconds;
  const metrics = await app
    .metrics()
    .then(appMetrics)
    .catch((error) => ({ error: error.message }));
  const v = verdict(fake.state, prs, sendStart);
  // Lost for good, or unfinished when the time bound hit? Whether the app was still at work tells.
  const endState = {
    queue: metrics.queue ?? null,
    secondsSinceLastGitHubRequest: fake.state.lastRequestAt ? (Date.now() - fake.state.lastRequestAt) / 1000 : null,
  };
  await Promise.all([app, ...workers].map((a) => a.stop()));
  await fake.close();

  const result = buildResult({
    started,
    options,
    version,
    planned,
    sent,
    stoppedEarly,
    sendSeconds,
    acks,
    verdict: v,
    drained,
    endState,
    drainSeconds,
    fake: fake.state,
    app: { metrics, logs: app.logs.summary() },
  });
  const file = writeResult(REPO_ROOT, result);
  console.log(`\narchreview load check\n${formatTable(result)}\n`);
  if (result.app.logs.length > 0) console.log(`app warnings/errors: ${result.app.logs.map((l) => `${l.count}x ${l.level} "${l.message}"`).join("; ")}`);
  console.log(`full result: ${path.relative(process.cwd(), file) || file}`);
  return v.duplicates > 0 || v.lost > 0 ? 1 : 0;
}

cleanUpOnSignals();
main()
  .then((code) => {
    cleanupAll();
    process.exit(code);
  })
  .catch((error) => {
    log(`failed: ${error.stack ?? error}`);
    cleanupAll();
    process.exit(2);
  });
