// The operator's limits, from the environment. A bad value stops the app at start with its name,
// rather than surfacing later as a strange review failure.
import os from "node:os";
import path from "node:path";
import { DEFAULT_ISOLATION_LIMITS, type IsolationLimits } from "../../engine/index.js";
import { DEFAULT_MAX_PR_FILES } from "../../pipeline/comparison.js";
import { DEFAULT_GITHUB_POLICY, type GitHubPolicy } from "../api/github-policy.js";
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from "../../archive/limits.js";
import { GITHUB_MAX_WEBHOOK_BYTES } from "./webhook-gate.js";

export interface AppSettings {
  limits: SnapshotLimits;
  isolation: IsolationLimits;
  /** Reviews running at once (default: the number of cores). */
  concurrency: number | undefined;
  /** How long a queued review waits for a newer push to the same PR before it starts. */
  settleMs: number;
  /** Timeouts and the retry budget of GitHub requests. */
  github: GitHubPolicy;
  /** Where module graphs are cached between reviews; null disables the cache. */
  cacheDir: string | null;
  /** With REDIS_URL, reviews are BullMQ jobs and graphs are cached in Redis, shared by every instance. */
  redisUrl: string | null;
  /** What this instance does: receive webhooks, work on reviews, or both (the last two need REDIS_URL). */
  role: "all" | "web" | "worker";
  /** Embedded mode: started reviews journaled here are re-queued after a crash; null disables. */
  stateDir: string | null;
  /** Redis mode: a review whose worker stops renewing its lock this long is taken over by another. */
  jobLockMs: number;
  /** Redis mode: the prefix of the jobs' keys (deployments sharing one Redis use their own). */
  redisPrefix: string;
}

const MB = 1024 * 1024;

export const SETTINGS_DOC: { name: string; default: string; meaning: string }[] = [
  { name: "ARCHREVIEW_REVIEW_TIMEOUT_SECONDS", default: "120", meaning: "time limit of one review's analysis" },
  { name: "ARCHREVIEW_REVIEW_MEMORY_MB", default: "2048", meaning: "heap limit of one review's analysis (a worker thread)" },
  { name: "ARCHREVIEW_MAX_ARCHIVE_MB", default: "200", meaning: "largest tarball downloaded" },
  { name: "ARCHREVIEW_MAX_FILES", default: "50000", meaning: "most files (and folders) in one snapshot" },
  { name: "ARCHREVIEW_MAX_FILE_MB", default: "5", meaning: "larger files are skipped, not analysed" },
  { name: "ARCHREVIEW_MAX_UNPACKED_MB", default: "1024", meaning: "most bytes unpacked from one tarball" },
  { name: "ARCHREVIEW_MAX_PR_FILES", default: "3000", meaning: "a pull request changing more files ends in a failed check, before anything is downloaded (GitHub lists at most 3,000 files of a pull request)" },
  { name: "ARCHREVIEW_MAX_WEBHOOK_MB", default: "25", meaning: "a webhook body larger than this is refused with 413 before it is read or hashed (GitHub sends at most 25 MB)" },
  { name: "ARCHREVIEW_CONCURRENCY", default: "number of cores", meaning: "reviews running at once" },
  { name: "ARCHREVIEW_CACHE_DIR", default: "$XDG_CACHE_HOME/archreview-graph-cache (~/.cache/…)", meaning: "module graphs cached between reviews (512 MB, least recently used out); `off` disables" },
  { name: "REDIS_URL", default: "unset", meaning: "reviews are queued in this Redis (BullMQ) and survive restarts; every instance shares the jobs and the graph cache (graphs expire after 7 days; bound memory with Redis's maxmemory)" },
  { name: "ARCHREVIEW_ROLE", default: "all", meaning: "`web`: only receive webhooks and queue reviews; `worker`: only run queued reviews; `all`: both (`web` and `worker` need REDIS_URL)" },
  { name: "ARCHREVIEW_STATE_DIR", default: "$XDG_STATE_HOME/archreview-state (~/.local/state/…)", meaning: "without REDIS_URL: reviews under way are journaled here and re-queued at the next start after a crash (one directory per instance); `off` disables" },
  { name: "ARCHREVIEW_JOB_LOCK_SECONDS", default: "30", meaning: "with REDIS_URL: a review whose instance died is taken over by another after this long" },
  { name: "ARCHREVIEW_REDIS_PREFIX", default: "archreview", meaning: "with REDIS_URL: the prefix of the job queues' keys (deployments sharing one Redis each use their own)" },
  { name: "ARCHREVIEW_SETTLE_MS", default: "1500", meaning: "a queued review waits this long for a newer push to the same PR" },
  { name: "ARCHREVIEW_GITHUB_TIMEOUT_SECONDS", default: "30", meaning: "one attempt of a GitHub API request (answer and body); a timed-out attempt is retried like a 5xx" },
  { name: "ARCHREVIEW_GITHUB_DOWNLOAD_TIMEOUT_SECONDS", default: "300", meaning: "one attempt of a tarball download, body included" },
  { name: "ARCHREVIEW_GITHUB_RETRIES", default: "3", meaning: "retries of one GitHub request after a 5xx, a timeout, a rate limit or an expired token (0: none)" },
  { name: "ARCHREVIEW_GITHUB_RETRY_BUDGET_SECONDS", default: "120", meaning: "no retry of a GitHub request starts later than this after its first attempt; a longer retry-after fails the request at once" },
];

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function nonNegativeInteger(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number (0 or more), got "${raw}"`);
  return value;
}

export function githubPolicyFromEnv(env: Record<string, string | undefined>): GitHubPolicy {
  const d = DEFAULT_GITHUB_POLICY;
  return {
    retries: nonNegativeInteger(env, "ARCHREVIEW_GITHUB_RETRIES", d.retries),
    timeoutMs: positive(env, "ARCHREVIEW_GITHUB_TIMEOUT_SECONDS", d.timeoutMs / 1000) * 1000,
    downloadTimeoutMs: positive(env, "ARCHREVIEW_GITHUB_DOWNLOAD_TIMEOUT_SECONDS", d.downloadTimeoutMs / 1000) * 1000,
    budgetMs: positive(env, "ARCHREVIEW_GITHUB_RETRY_BUDGET_SECONDS", d.budgetMs / 1000) * 1000,
    secondMs: d.secondMs,
  };
}

/** The largest webhook body the server reads (webhook-gate.ts). */
export function maxWebhookBytesFromEnv(env: Record<string, string | undefined>): number {
  return Math.floor(positive(env, "ARCHREVIEW_MAX_WEBHOOK_MB", GITHUB_MAX_WEBHOOK_BYTES / MB) * MB);
}

function roleOf(env: Record<string, string | undefined>): AppSettings["role"] {
  const role = env.ARCHREVIEW_ROLE || "all";
  if (role !== "all" && role !== "web" && role !== "worker") throw new Error(`ARCHREVIEW_ROLE must be all, web or worker, got "${role}"`);
  if (role !== "all" && !env.REDIS_URL) throw new Error(`ARCHREVIEW_ROLE=${role} needs REDIS_URL: instances share their reviews through Redis`);
  return role;
}

/**
 * Per-user, private defaults (created 0700): a predictable folder in the shared temp folder could be
 * made first by another user, who would then read the cached graphs or plant journal entries.
 */
function userDir(env: Record<string, string | undefined>, xdg: "XDG_CACHE_HOME" | "XDG_STATE_HOME", fallback: string[], name: string): string {
  const root = env[xdg] && path.isAbsolute(env[xdg]) ? env[xdg] : path.join(os.homedir(), ...fallback);
  return path.join(root, name);
}

export function settingsFromEnv(env: Record<string, string | undefined>): AppSettings {
  const d = DEFAULT_SNAPSHOT_LIMITS;
  const concurrency = env.ARCHREVIEW_CONCURRENCY ? Math.floor(positive(env, "ARCHREVIEW_CONCURRENCY", 1)) : undefined;
  return {
    limits: {
      maxArchiveBytes: positive(env, "ARCHREVIEW_MAX_ARCHIVE_MB", d.maxArchiveBytes / MB) * MB,
      maxFiles: Math.floor(positive(env, "ARCHREVIEW_MAX_FILES", d.maxFiles)),
      maxFileBytes: positive(env, "ARCHREVIEW_MAX_FILE_MB", d.maxFileBytes / MB) * MB,
      maxTotalBytes: positive(env, "ARCHREVIEW_MAX_UNPACKED_MB", d.maxTotalBytes / MB) * MB,
      maxPrFiles: Math.floor(positive(env, "ARCHREVIEW_MAX_PR_FILES", DEFAULT_MAX_PR_FILES)),
    },
    isolation: {
      timeoutMs: positive(env, "ARCHREVIEW_REVIEW_TIMEOUT_SECONDS", DEFAULT_ISOLATION_LIMITS.timeoutMs / 1000) * 1000,
      maxHeapMb: Math.floor(positive(env, "ARCHREVIEW_REVIEW_MEMORY_MB", DEFAULT_ISOLATION_LIMITS.maxHeapMb)),
    },
    concurrency,
    settleMs: positive(env, "ARCHREVIEW_SETTLE_MS", 1500),
    github: githubPolicyFromEnv(env),
    redisUrl: env.REDIS_URL || null,
    role: roleOf(env),
    stateDir: env.ARCHREVIEW_STATE_DIR === "off" ? null : (env.ARCHREVIEW_STATE_DIR || userDir(env, "XDG_STATE_HOME", [".local", "state"], "archreview-state")),
    jobLockMs: positive(env, "ARCHREVIEW_JOB_LOCK_SECONDS", 30) * 1000,
    redisPrefix: env.ARCHREVIEW_REDIS_PREFIX || "archreview",
    cacheDir: env.ARCHREVIEW_CACHE_DIR === "off" ? null : (env.ARCHREVIEW_CACHE_DIR || userDir(env, "XDG_CACHE_HOME", [".cache"], "archreview-graph-cache")),
  };
}
