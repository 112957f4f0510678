// Command-line options of `npm run loadtest -- ...`, with hard caps: a load check must stay a
// bounded burst against the local app, whatever is typed.
import { parseArgs } from "node:util";

export const USAGE = `Usage: npm run loadtest -- [--prs N] [--pushes N] [--bursts N] [--installations N]
         [--resend-percent P] [--pause-ms MS] [--settle-ms MS] [--api-latency-ms MS]
         [--max-seconds S] [--seed N] [--redis-url URL [--workers N]]

Starts a fake GitHub and the built app on 127.0.0.1, sends signed pull_request deliveries in
bursts (each PR gets --pushes pushes in all, spread over --bursts bursts), waits until every PR's
last head is reviewed, and reports acknowledgement latency, reviews, duplicates and lost reviews.
With --redis-url the app queues its reviews in that Redis (BullMQ, under a key prefix of its own)
and --workers more instances (ARCHREVIEW_ROLE=worker) share the work.`;

/** At most this many deliveries (resends included) and this many seconds, whatever is asked. */
export const HARD_CAP_DELIVERIES = 2000;
export const HARD_CAP_SECONDS = 600;

function integer(value, name, fallback, min, max) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

export function parseLoadArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      prs: { type: "string" },
      pushes: { type: "string" },
      bursts: { type: "string" },
      installations: { type: "string" },
      "resend-percent": { type: "string" },
      "pause-ms": { type: "string" },
      "settle-ms": { type: "string" },
      "api-latency-ms": { type: "string" },
      "max-seconds": { type: "string" },
      seed: { type: "string" },
      "redis-url": { type: "string" },
      workers: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const options = {
    help: values.help ?? false,
    prs: integer(values.prs, "--prs", 20, 1, 500),
    pushes: integer(values.pushes, "--pushes", 10, 1, 200),
    bursts: integer(values.bursts, "--bursts", 5, 1, 100),
    installations: integer(values.installations, "--installations", 1, 1, 100),
    resendPercent: integer(values["resend-percent"], "--resend-percent", 5, 0, 50),
    pauseMs: integer(values["pause-ms"], "--pause-ms", 1000, 0, 30_000),
    settleMs: integer(values["settle-ms"], "--settle-ms", 300, 1, 10_000),
    apiLatencyMs: integer(values["api-latency-ms"], "--api-latency-ms", 0, 0, 5_000),
    maxSeconds: integer(values["max-seconds"], "--max-seconds", 120, 10, HARD_CAP_SECONDS),
    seed: integer(values.seed, "--seed", 1, 0, 2 ** 31 - 1),
    redisUrl: values["redis-url"] ?? null,
    workers: integer(values.workers, "--workers", 0, 0, 8),
  };
  if (options.workers > 0 && !options.redisUrl) throw new Error("--workers needs --redis-url: instances share their reviews through Redis");
  if (options.redisUrl && !/^rediss?:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/\d+)?$/.test(options.redisUrl)) throw new Error("--redis-url must be a local Redis (redis://127.0.0.1:PORT)");
  if (options.bursts > options.pushes) throw new Error("--bursts cannot exceed --pushes (every burst pushes to every PR at least once)");
  if (options.installations > options.prs) throw new Error("--installations cannot exceed --prs");
  const originals = options.prs * options.pushes;
  const planned = originals + Math.ceil((originals * options.resendPercent) / 100);
  if (planned > HARD_CAP_DELIVERIES) throw new Error(`${planned} deliveries planned (--prs x --pushes plus resends): the cap is ${HARD_CAP_DELIVERIES}`);
  return options;
}
