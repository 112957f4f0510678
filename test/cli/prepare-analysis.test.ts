// The CLI asks for its analysis to be prepared (main.ts: the review worker started) as soon as the
// command line says a review will run, before its first git read; never for --help or a usage error.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { runCli, type CliIO } from "../../src/cli/run.js";
import { runGit } from "../../src/git/git.js";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { reviewTrees } from "../../src/engine/index.js";
import { layeredRepo } from "./harness.js";

let repo: SampleRepository;
let base: string;
let head: string;

beforeAll(async () => {
  ({ repo, base } = await layeredRepo());
  head = await repo.commit("same tree, new commit");
}, 60_000);
afterAll(async () => repo?.dispose());

/** Runs the CLI in-process and records, in order, "prepare", each git command and "analyse". */
async function recorded(args: string[]): Promise<{ code: number; events: string[]; prepared: unknown[] }> {
  const events: string[] = [];
  const prepared: unknown[] = [];
  const io: CliIO = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    cwd: repo.dir,
    env: {},
    today: "2026-11-20",
    git: (gitArgs, options) => {
      events.push(`git ${gitArgs[0]}`);
      return runGit(gitArgs, options);
    },
    prepareAnalysis: (limits) => {
      events.push("prepare");
      prepared.push(limits);
    },
    analyse: (request, limits, onProgress) => {
      events.push("analyse");
      expect(limits).toEqual(prepared[0]);
      return reviewTrees({ ...request, onProgress });
    },
  };
  return { code: await runCli(args, io), events, prepared };
}

describe("prepareAnalysis", () => {
  it("comes before the first git read of a review, once, with the review's limits", async () => {
    const run = await recorded(["review", "--base", base, "--head", head, "--format", "json", "--no-cache", "--max-memory", "512"]);
    expect(run.code).toBe(0);
    expect(run.events[0]).toBe("prepare");
    expect(run.events.filter((e) => e === "prepare")).toHaveLength(1);
    expect(run.events.indexOf("analyse")).toBeGreaterThan(run.events.indexOf("git rev-parse"));
    expect(run.prepared).toEqual([expect.objectContaining({ maxHeapMb: 512 })]);
  });

  it("comes for a check too", async () => {
    const run = await recorded(["check", "--rev", head, "--format", "json", "--no-cache"]);
    expect(run.events[0]).toBe("prepare");
    expect(run.events).toContain("analyse");
  });

  it("never comes for --help, --version or a usage error", async () => {
    for (const args of [["--help"], ["--version"], ["review", "--fromat", "json"]]) {
      const run = await recorded(args);
      expect(run.events).not.toContain("prepare");
    }
  });
});
