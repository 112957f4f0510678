// The engine's light entry, the one the `archreview` executable loads before anything else (cli/main.ts):
// starting the review worker and the limits it runs under. engine/index.ts brings the trees' readers and
// the rest, about 30 ms of module loading that would otherwise come before the worker starts: started
// first, the worker boots while the CLI loads (typeorm warm review, 16 alternating runs: 670 -> 640 ms median).
export { DEFAULT_ISOLATION_LIMITS, standbyReviewWorker } from "./isolated-review.js";
export type { IsolationLimits, StandbyWorker } from "./worker-limits.js";
