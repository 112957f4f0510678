// The operator's limits, from the environment. A bad value stops the app at start with its name,
// rather than surfacing later as a strange review failure.
import { DEFAULT_ISOLATION_LIMITS, type IsolationLimits } from "../jobs/isolated-review.js";
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from "./tarball.js";

export interface AppSettings {
  limits: SnapshotLimits;
  isolation: IsolationLimits;
  /** Reviews running at once (default: the number of cores). */
  concurrency: number | undefined;
  /** How long a queued review waits for a newer push to the same PR before it starts. */
  settleMs: number;
}

const MB = 1024 * 1024;

export const SETTINGS_DOC: { name: string; default: string; meaning: string }[] = [
  { name: "ARCHREVIEW_REVIEW_TIMEOUT_SECONDS", default: "120", meaning: "time limit of one review's analysis" },
  { name: "ARCHREVIEW_REVIEW_MEMORY_MB", default: "2048", meaning: "heap limit of one review's analysis (a worker thread)" },
  { name: "ARCHREVIEW_MAX_ARCHIVE_MB", default: "200", meaning: "largest tarball downloaded" },
  { name: "ARCHREVIEW_MAX_FILES", default: "50000", meaning: "most files (and folders) in one snapshot" },
  { name: "ARCHREVIEW_MAX_FILE_MB", default: "5", meaning: "larger files are skipped, not analysed" },
  { name: "ARCHREVIEW_MAX_UNPACKED_MB", default: "1024", meaning: "most bytes unpacked from one tarball" },
  { name: "ARCHREVIEW_CONCURRENCY", default: "number of cores", meaning: "reviews running at once" },
  { name: "ARCHREVIEW_SETTLE_MS", default: "1500", meaning: "a queued review waits this long for a newer push to the same PR" },
];

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
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
    },
    isolation: {
      timeoutMs: positive(env, "ARCHREVIEW_REVIEW_TIMEOUT_SECONDS", DEFAULT_ISOLATION_LIMITS.timeoutMs / 1000) * 1000,
      maxHeapMb: Math.floor(positive(env, "ARCHREVIEW_REVIEW_MEMORY_MB", DEFAULT_ISOLATION_LIMITS.maxHeapMb)),
    },
    concurrency,
    settleMs: positive(env, "ARCHREVIEW_SETTLE_MS", 1500),
  };
}
