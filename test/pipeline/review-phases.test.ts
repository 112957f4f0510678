// Where a published review's time went (fetch, graph, review, render, publish): in the
// "Review published" log line and as the archreview_review_phase_seconds histogram, from one split.
import { describe, expect, it } from "@jest/globals";
import { PhaseTimer, REVIEW_PHASES } from "../../src/pipeline/phases.js";
import { createTestApp, installationToken, pullRequestPayload, tarballOf } from "../github/app-harness.js";
import { mockComments, mockCheckUpdates, mockReviewInputs, recorder, useGitHubMock, useLayeredRepo } from "../github/github-mock.js";
import { capturingLogger } from "../helpers/captured-log.js";

useGitHubMock();
const fixture = useLayeredRepo();

const VIOLATION = 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n';

interface Published {
  msg: string;
  ms: number;
  phasesMs: Record<string, number>;
}

/** The value of a sample line `name{labels} value` in Prometheus' text format. */
function sample(text: string, name: string, phase: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(`phase="${phase}"`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("the review time split", () => {
  it("a published review logs its five phases and observes each in the phase histogram, with the same figures", async () => {
    const lines: string[] = [];
    const log = capturingLogger("info", lines);
    await fixture.repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await fixture.repo.commit("domain imports infrastructure");
    const app = createTestApp({ log });
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 42, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 42);
    // (The queue gauges need the loaded app: read the histogram alone.)
    const before = await app.metrics.registry.getSingleMetricAsString("archreview_review_phase_seconds");
    expect(sample(before, "archreview_review_phase_seconds_count", "graph")).toBeUndefined();

    await app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head }));

    expect(rec.commentCreates).toHaveLength(1);
    const published = lines.map((l) => JSON.parse(l) as Published).filter((l) => l.msg === "Review published");
    expect(published).toHaveLength(1);
    const { phasesMs, ms } = published[0] as Published;
    expect(Object.keys(phasesMs).sort()).toEqual([...REVIEW_PHASES].sort());
    for (const phase of REVIEW_PHASES) expect(Number.isInteger(phasesMs[phase]) && (phasesMs[phase] as number) >= 0).toBe(true);
    // The engine built two graphs in a fresh worker (TypeScript loaded for it): not nothing.
    expect(phasesMs.graph).toBeGreaterThan(0);
    // The phases are parts of the whole (each rounded to a millisecond).
    const sum = REVIEW_PHASES.reduce((total, phase) => total + (phasesMs[phase] as number), 0);
    expect(sum).toBeLessThanOrEqual(ms + REVIEW_PHASES.length);

    const text = await app.metrics.registry.metrics();
    expect(text).toContain("# TYPE archreview_review_phase_seconds histogram");
    for (const phase of REVIEW_PHASES) {
      expect(sample(text, "archreview_review_phase_seconds_count", phase)).toBe(1);
      const seconds = sample(text, "archreview_review_phase_seconds_sum", phase) as number;
      expect(Math.abs(seconds * 1000 - (phasesMs[phase] as number))).toBeLessThanOrEqual(0.5);
    }
  });
});

describe("PhaseTimer", () => {
  /** A clock that advances by the given steps, one per reading. */
  const steps = (...deltas: number[]) => {
    let t = 0;
    let i = 0;
    return () => (t += deltas[i++] ?? 0);
  };

  it("adds up repeated phases, counts failed work too, and splits an analysis into graph and review", async () => {
    const timer = new PhaseTimer(steps(0, 30, 0, 12, 0, 5));
    await timer.time("fetch", async () => "compare");
    await expect(timer.time("fetch", async () => Promise.reject(new Error("tarball")))).rejects.toThrow("tarball");
    expect(timer.timeSync("render", () => "markdown")).toBe("markdown");
    timer.addAnalysis(900, 250);
    timer.addAnalysis(40, 100); // an engine figure past the measured run counts as all graph
    expect(timer.split()).toEqual({ fetch: 42, graph: 290, review: 650, render: 5, publish: 0 });
    expect(timer.seconds()).toEqual({ fetch: 0.042, graph: 0.29, review: 0.65, render: 0.005, publish: 0 });
  });
});
