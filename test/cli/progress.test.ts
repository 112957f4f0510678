// --progress: each stage on stderr from the start. Without it a fast review is quiet (progress shows
// only once a run has taken a second); with it, the stages show in order however fast the run is.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { progressReporter } from "../../src/cli/progress.js";
import { cli, layeredRepo } from "./harness.js";

let repo: SampleRepository;
let base: string;
let head: string;
beforeAll(async () => {
  ({ repo, base } = await layeredRepo());
  await repo.write("src/domain/money.ts", "export type Money = number;\n");
  head = await repo.commit("a file");
});
afterAll(() => repo?.dispose());

const stages = (stderr: string): string[] => stderr.split("\n").filter((l) => l.startsWith("archreview: ") && l.endsWith("…"));

describe("archreview --progress", () => {
  it("shows the review's stages in order from the start", async () => {
    const run = await cli(["review", "--repo", repo.dir, "--base", base, "--head", head, "--no-cache", "--format", "json", "--progress"], repo.dir);
    expect(run.code).toBe(0);
    expect(stages(run.stderr)).toEqual(expect.arrayContaining(["archreview: building the module graphs…", "archreview: comparing…"]));
    const shown = stages(run.stderr);
    expect(shown.indexOf("archreview: building the module graphs…")).toBeLessThan(shown.indexOf("archreview: comparing…"));
    expect(JSON.parse(run.stdout)).toHaveProperty("head");
  });

  it("shows check's stages too", async () => {
    const run = await cli(["check", "--repo", repo.dir, "--rev", head, "--format", "json", "--progress"], repo.dir);
    expect(run.code).not.toBe(2);
    expect(stages(run.stderr).length).toBeGreaterThan(0);
  });

  it("reporter: quiet until the moment passes, at once after showNow, never twice the current stage", () => {
    const written: string[] = [];
    const reporter = progressReporter({ write: (t: string) => written.push(t) }, 60_000);
    reporter.stage("listing");
    expect(written).toEqual([]);
    reporter.showNow();
    reporter.showNow();
    reporter.stage("comparing");
    reporter.done();
    expect(written).toEqual(["archreview: listing…\n", "archreview: comparing…\n"]);
  });
});
