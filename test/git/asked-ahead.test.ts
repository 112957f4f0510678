// The command's first git question asked ahead (git/asked-ahead.ts): started at once, handed over once
// to the identical call, every other call run as usual; and the built executable starts one rev-parse
// in all (the one asked ahead is the one used, not asked again).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { askedAhead } from "../../src/git/asked-ahead.js";
import type { GitResult, GitRunner } from "../../src/git/git.js";
import { batchArgs } from "../../src/git/revision-batch.js";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { layeredRepo } from "../cli/harness.js";

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/cli/main.js");
const query = { names: ["main", "feature", "HEAD"], mergeBaseOf: null };

function recording(): { run: GitRunner; calls: [string[], string][] } {
  const calls: [string[], string][] = [];
  const run: GitRunner = (args, options) => {
    calls.push([args, options.cwd]);
    return Promise.resolve<GitResult>({ code: 0, stdout: Buffer.from(`answer ${calls.length}`), stderr: "" });
  };
  return { run, calls };
}

describe("askedAhead", () => {
  it("starts the batch at once and hands it to the identical call, once", async () => {
    const { run, calls } = recording();
    const git = askedAhead(query, "/repo", run);
    expect(calls).toEqual([[batchArgs(query), "/repo"]]);
    const first = await git(batchArgs(query) as string[], { cwd: "/repo" });
    expect([first.stdout.toString(), calls.length]).toEqual(["answer 1", 1]);
    const again = await git(batchArgs(query) as string[], { cwd: "/repo" });
    expect([again.stdout.toString(), calls.length]).toEqual(["answer 2", 2]);
  });

  it("runs anything else as usual: other arguments, another folder, an environment", async () => {
    const { run, calls } = recording();
    const git = askedAhead(query, "/repo", run);
    await git(["ls-tree", "HEAD"], { cwd: "/repo" });
    await git(batchArgs(query) as string[], { cwd: "/elsewhere" });
    await git(batchArgs(query) as string[], { cwd: "/repo", env: { GIT_DIR: "x" } });
    expect(calls.map(([args, cwd]) => `${args[0]} ${cwd}`)).toEqual(["rev-parse /repo", "ls-tree /repo", "rev-parse /elsewhere", "rev-parse /repo"]);
  });

  it("asks nothing ahead for names that are not one batch", () => {
    const { run, calls } = recording();
    askedAhead({ names: ["main..feature"], mergeBaseOf: null }, "/repo", run);
    expect(calls).toEqual([]);
  });
});

describe("the built executable", () => {
  let repo: SampleRepository;
  let base: string;
  let tmp: string;
  beforeAll(async () => {
    ({ repo, base } = await layeredRepo());
    await repo.write("src/domain/money.ts", "export type Money = number;\n");
    await repo.commit("head");
    tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-ahead-"));
  }, 60_000);
  afterAll(async () => {
    await repo.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("starts one rev-parse in all: the question asked ahead is the one answered, never asked again", async () => {
    const trace = path.join(tmp, "trace.txt");
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [MAIN, "review", "--repo", repo.dir, "--base", base, "--head", "HEAD", "--format", "json", "--no-cache"], { env: { ...process.env, GIT_TRACE: trace, NODE_OPTIONS: "" }, stdio: "ignore" });
      child.on("close", resolve);
    });
    expect(code).toBe(0);
    const started = readFileSync(trace, "utf8").split("\n").filter((l) => / trace: built-in: git /.test(l)).map((l) => l.replace(/^.* trace: built-in: git /, "").split(" ")[0]);
    expect(started.filter((c) => c === "rev-parse")).toHaveLength(1);
  }, 60_000);
});
