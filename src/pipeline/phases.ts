// The split of one review's time into phases, for its log line and the metrics.
/** Where a published review's time went: fetching (compare, files or tarballs), the engine's graphs and the rest of its review, rendering, GitHub writes. */
export const REVIEW_PHASES = ["fetch", "graph", "review", "render", "publish"] as const;
export type ReviewPhase = (typeof REVIEW_PHASES)[number];
export type PhaseSplit = Record<ReviewPhase, number>;

/** Adds up the milliseconds of each phase of one review (a phase may run several times: retries, fallbacks). */
export class PhaseTimer {
  private readonly ms: PhaseSplit = { fetch: 0, graph: 0, review: 0, render: 0, publish: 0 };

  constructor(private readonly now: () => number = () => performance.now()) {}

  add(phase: ReviewPhase, ms: number): void {
    this.ms[phase] += Math.max(0, ms);
  }

  /** An analysis that took `ms`, of which the engine spent `graphMs` on the graphs: the rest (worker start included) is review. */
  addAnalysis(ms: number, graphMs: number): void {
    const graph = Math.min(Math.max(0, graphMs), ms);
    this.add("graph", graph);
    this.add("review", ms - graph);
  }

  async time<T>(phase: ReviewPhase, work: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      return await work();
    } finally {
      this.add(phase, this.now() - started);
    }
  }

  timeSync<T>(phase: ReviewPhase, work: () => T): T {
    const started = this.now();
    try {
      return work();
    } finally {
      this.add(phase, this.now() - started);
    }
  }

  /** Whole milliseconds per phase, for the log line. */
  split(): PhaseSplit {
    const rounded = { ...this.ms };
    for (const phase of REVIEW_PHASES) rounded[phase] = Math.round(rounded[phase]);
    return rounded;
  }

  /** Seconds per phase, for the histogram. */
  seconds(): PhaseSplit {
    const seconds = { ...this.ms };
    for (const phase of REVIEW_PHASES) seconds[phase] /= 1000;
    return seconds;
  }
}
