// Runs the real app (probot.receive) against nock, with real webhook payloads adapted to the
// scenario and tarballs made with `git archive` from fixture repositories.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import webhooks from "@octokit/webhooks-examples" with { type: "json" };
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit, type Logger } from "probot";
import { createArchreview } from "../../src/index.js";
import { PlainOctokit } from "../helpers/plain-octokit.js";
import type { GitHubPolicy } from "../../src/github/api/github-policy.js";
import type { SnapshotLimits } from "../../src/archive/limits.js";
import { AppMetrics } from "../../src/github/app/metrics.js";
import { ReviewQueue } from "../../src/jobs/queue.js";
import type { Scheduler } from "../../src/jobs/scheduler.js";
import type { ReviewPayload } from "../../src/github/app/targets.js";
import { reviewInWorker } from "../../src/engine/isolated-review.js";
import type { ReviewOutcome } from "../../src/engine/review.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const API = "https://api.github.com";
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;
export const INSTALLATION = 2;

type Example = { name: string; examples: Record<string, unknown>[] };
// Payloads are loosely typed on purpose: they are JSON fixtures adapted per scenario.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = Record<string, any>;

/** A payload from @octokit/webhooks-examples for `name`/`action`, deep-copied. */
export function example(name: string, action: string): Payload {
  const group = (webhooks as unknown as Example[]).find((e) => e.name === name);
  const found = group?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no example ${name}.${action}`);
  return structuredClone(found) as Payload;
}

/** `changedFiles`: the PR's `changed_files` (the example's is 1). */
export function pullRequestPayload(action: string, shas: { base: string; head: string }, options: { number?: number; fork?: boolean; draft?: boolean; changedFiles?: number } = {}): Payload {
  const payload = example("pull_request", action);
  const pr = payload.pull_request;
  pr.number = payload.number = options.number ?? 1;
  pr.base.sha = shas.base;
  pr.head.sha = shas.head;
  pr.draft = options.draft ?? false;
  if (options.changedFiles !== undefined) pr.changed_files = options.changedFiles;
  if (options.fork) {
    pr.head.repo = { ...pr.head.repo, full_name: `forker/${REPO}`, name: REPO, owner: { ...pr.head.repo.owner, login: "forker" } };
    pr.head.label = `forker:${pr.head.ref}`;
  }
  payload.installation = { id: INSTALLATION, node_id: "x" };
  return payload;
}

export function commentPayload(body: string, options: { login?: string; type?: "User" | "Bot"; number?: number } = {}): Payload {
  const payload = example("issue_comment", "created");
  payload.issue.number = options.number ?? 1;
  payload.issue.pull_request = { url: `${API}${REPO_PATH}/pulls/${payload.issue.number}` };
  payload.comment.body = body;
  payload.comment.id = 555;
  payload.comment.user = { ...payload.comment.user, login: options.login ?? "maintainer", type: options.type ?? "User" };
  payload.sender = { ...payload.sender, login: options.login ?? "maintainer", type: options.type ?? "User" };
  payload.installation = { id: INSTALLATION, node_id: "x" };
  return payload;
}

/** A GitHub-shaped tarball (single top folder owner-repo-sha7/) of a commit. */
export function tarballOf(repoDir: string, sha: string): Buffer {
  return execFileSync("git", ["archive", "--format=tar.gz", `--prefix=${OWNER}-${REPO}-${sha.slice(0, 7)}/`, sha], { cwd: repoDir, maxBuffer: 256 * 1024 * 1024 });
}

/** The API answers 302 to codeload, as GitHub does. */
export function serveTarball(sha: string, body: Buffer): void {
  nock(API)
    .get(`${REPO_PATH}/tarball/${sha}`)
    .reply(302, "", { Location: `https://codeload.github.com/${OWNER}/${REPO}/legacy.tar.gz/${sha}` });
  nock("https://codeload.github.com")
    .get(`/${OWNER}/${REPO}/legacy.tar.gz/${sha}`)
    .reply(200, body, { "content-type": "application/x-gzip", "content-length": String(body.length) });
}

export function installationToken(token = "ghs_test", expiresAt = "2099-01-01T00:00:00Z"): void {
  nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(200, { token, expires_at: expiresAt, permissions: { checks: "write", pull_requests: "write", issues: "write", contents: "read" } });
}

export interface TestApp {
  probot: Probot;
  /** The embedded mode's queue (idle at once in Redis mode). */
  queue: ReviewQueue;
  /** Whichever scheduler the app built: `onIdle()` waits for every review, in either mode. */
  scheduler: Scheduler<ReviewPayload>;
  recovered: Promise<number>;
  metrics: AppMetrics;
  receive(name: string, payload: Payload): Promise<void>;
  /** Delivers without waiting for the queue, optionally under a given delivery id. */
  deliver(name: string, payload: Payload, id?: string): Promise<void>;
}

export const PRIVATE_KEY = readFileSync(path.join(here, "../fixtures/github/test-app-key.pem"), "utf8");

/** A plugin-throttling limiter group that never waits (its real write groups space writes 1-3 s apart). */
const UNPACED = { key: () => ({ schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => job(...args) }) };

/**
 * Probot's Octokit as in production, retries and throttling on, with Probot's own throttle
 * handlers (spread from `o.throttle`), only the waits shrunk: plugin-retry's backoff and
 * plugin-throttling's retry-after unit become milliseconds, writes are not paced.
 */
export const ResilientOctokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({
  ...o,
  retry: { retryAfterBaseValue: 1 },
  throttle: { ...(o.throttle as object), enabled: true, retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0, write: UNPACED, notifications: UNPACED },
}));

type Analyse = typeof reviewInWorker;

/** auth-app's token cache: values are `token|createdAt|expiresAt|repositorySelection|permissions|singleFile`. */
export interface TokenCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** Probot sets its own cache in the auth options; a defaults function of the class it is given runs after it. */
function withTokenCache(Octokit: typeof ProbotOctokit, cache: TokenCache | undefined): typeof ProbotOctokit {
  return cache ? Octokit.defaults((o: Record<string, unknown>) => ({ ...o, auth: { ...(o.auth as object), cache } })) : Octokit;
}

/**
 * The real analysis (the engine in its worker), run once per pair of trees and config, then
 * replayed: for suites that review the same commits many times to test something else (GitHub
 * faults), where the ~2 s analysis would dominate. Deterministic, so the outcome is the same.
 */
export function memoisedAnalysis(): Analyse {
  const outcomes = new Map<string, Promise<ReviewOutcome>>();
  return (request, limits, signal) => {
    const key = JSON.stringify([request.base.sha, request.head.sha, request.configOverride, [...(request.renames ?? [])], request.today, request.trees ? "listed" : "whole"]);
    let outcome = outcomes.get(key);
    if (!outcome) {
      outcome = reviewInWorker(request, limits, signal);
      outcomes.set(key, outcome);
      outcome.catch(() => outcomes.delete(key));
    }
    return outcome.then((o) => structuredClone(o));
  };
}

/** Redis mode: jobs in this Redis under `prefix` (each test its own), this instance's role. */
export interface RedisMode {
  url: string;
  prefix: string;
  role?: "all" | "web" | "worker";
  jobLockMs?: number;
}

/**
 * `log`: a pino logger to capture what the app logs (default: silent). `github`: the app's GitHub
 * policy; when given, the Octokit retries and throttles as in production (ResilientOctokit),
 * otherwise both are off and every GitHub error surfaces at once. `productionOctokit`: Probot's
 * Octokit untouched (real waits: 1-3 s between writes, 1 s before a retry). `analyse`: see
 * memoisedAnalysis. `stateDir`: the embedded journal (default none). `redis`: BullMQ mode.
 * `cacheDir`: where module graphs are cached (default none). `limits`: snapshot limits (default: the environment's).
 * `now`: the app's clock (default: a fixed instant). `tokenCache`: auth-app's installation token
 * cache (default: Probot's own), for a test to hand the app a token it got earlier.
 */
export function createTestApp(
  options: { log?: Logger; github?: GitHubPolicy; analyse?: Analyse; productionOctokit?: boolean; stateDir?: string; redis?: RedisMode; cacheDir?: string; limits?: SnapshotLimits; now?: () => Date; tokenCache?: TokenCache } = {},
): TestApp {
  const privateKey = PRIVATE_KEY;
  const probot = new Probot({
    appId: 123,
    privateKey,
    ...(options.log ? { log: options.log } : { logLevel: "fatal" }),
    Octokit: withTokenCache(options.productionOctokit ? ProbotOctokit : options.github ? ResilientOctokit : PlainOctokit, options.tokenCache),
  });
  // A short settle window keeps tests fast while still collapsing bursts delivered back to back.
  // probot.log is not set before an app is loaded: give the queue its own logger.
  const queue = new ReviewQueue(options.log ?? pino({ level: "silent" }), { concurrency: 2, settleMs: 150 });
  let scheduler: Scheduler<ReviewPayload> | null = null;
  let markRecovered: (count: number) => void = () => undefined;
  const recovered = new Promise<number>((resolve) => (markRecovered = resolve));
  const metrics = new AppMetrics(() => (scheduler as Scheduler<ReviewPayload>).stats());
  const redis = options.redis ? { redisUrl: options.redis.url, redisPrefix: options.redis.prefix, role: options.redis.role ?? "all", settleMs: 150, ...(options.redis.jobLockMs ? { jobLockMs: options.redis.jobLockMs } : {}) } : { redisUrl: null };
  // cacheDir null unless asked: each test reviews fresh trees (changed-files.test.ts warms one). stateDir null:
  // no journal (a test's interrupted reviews must not be resumed by the next test).
  void probot.load(
    createArchreview({
      queue,
      metrics,
      cacheDir: options.cacheDir ?? null,
      stateDir: options.stateDir ?? null,
      ...redis,
      onScheduler: (s, r) => {
        scheduler = s;
        void r.then(markRecovered);
      },
      now: options.now ?? (() => new Date("2026-11-20T12:00:00Z")),
      ...(options.github ? { github: options.github } : {}),
      ...(options.analyse ? { analyse: options.analyse } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    }),
  );
  let delivery = 0;
  return {
    probot,
    queue,
    // Probot loads the app a tick later: read the scheduler when it is asked for.
    get scheduler() {
      return scheduler as unknown as Scheduler<ReviewPayload>;
    },
    /** Resolves once the reviews found interrupted at start are re-queued (or left alone). */
    get recovered() {
      return recovered;
    },
    metrics,
    async receive(name, payload) {
      await probot.receive({ name, id: `delivery-${++delivery}`, payload } as never);
      await (scheduler as unknown as Scheduler<ReviewPayload>).onIdle();
    },
    async deliver(name, payload, id) {
      await probot.receive({ name, id: id ?? `delivery-${++delivery}`, payload } as never);
    },
  };
}
