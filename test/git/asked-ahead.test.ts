// The command's first git question asked ahead (git/asked-ahead.ts): started at once, handed over once
// to the identical call, every other call run as usual; and the built executable starts one rev-parse
// in all (the one asked ahead is the one used, not asked again).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { askedAhead, reviewQuestions } from "../../src/git/asked-ahead.js";
import { changesArgs, treeListingArgs, type GitResult, type GitRunner } from "../../src/git/git.js";
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

const [B, H, M, X] = ["b", "c", "d", "e"].map((c) => c.repeat(40)) as [string, string, string, string];

/** A runner whose rev-parse answers `revParse` (exit `code`), and every other call `answer N`. */
function answering(revParse: string, code = 0): { run: GitRunner; calls: [string[], string][] } {
  const calls: [string[], string][] = [];
  const run: GitRunner = (args, options) => {
    calls.push([args, options.cwd]);
    return Promise.resolve<GitResult>({ code: args[0] === "rev-parse" ? code : 0, stdout: Buffer.from(args[0] === "rev-parse" ? revParse : `answer ${calls.length}`), stderr: "" });
  };
  return { run, calls };
}

const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("askedAhead with a review's next questions", () => {
  const direct = { names: ["main", "feature", "HEAD"], mergeBaseOf: null };

  it("asks the diff and the head's listing in the top level once the rev-parse answers, and hands each over once", async () => {
    const { run, calls } = answering(`${B}\n${H}\n${X}\n/top\n`);
    const git = askedAhead(direct, "/repo/sub", run, reviewQuestions({ base: "main", head: "feature", mergeBase: false }));
    await settled();
    expect(calls.slice(1)).toEqual([
      [changesArgs(B, H), "/top"],
      [treeListingArgs(H), "/top"],
    ]);
    const diff = await git(changesArgs(B, H), { cwd: "/top" });
    const listing = await git(treeListingArgs(H), { cwd: "/top" });
    expect([diff.stdout.toString(), listing.stdout.toString(), calls.length]).toEqual(["answer 2", "answer 3", 3]);
    // Handed over once: the same call again runs git again; so do calls elsewhere or with an environment.
    await git(changesArgs(B, H), { cwd: "/top" });
    await git(treeListingArgs(H), { cwd: "/repo/sub" });
    expect(calls.length).toBe(5);
  });

  it("compares from the merge base when the review does, and from --base when the histories never meet", async () => {
    const query = { names: ["HEAD"], mergeBaseOf: { base: "main", head: "feature" } };
    const withBase = answering(`${H}\n${B}\n^${M}\n${X}\n/top\n`);
    askedAhead(query, "/top", withBase.run, reviewQuestions({ base: "main", head: "feature", mergeBase: true }));
    await settled();
    expect(withBase.calls.slice(1).map(([args]) => args)).toEqual([changesArgs(M, H), treeListingArgs(H)]);
    const unrelated = answering(`${H}\n${B}\n${X}\n/top\n`);
    askedAhead(query, "/top", unrelated.run, reviewQuestions({ base: "main", head: "feature", mergeBase: true }));
    await settled();
    expect(unrelated.calls.slice(1).map(([args]) => args)).toEqual([changesArgs(B, H), treeListingArgs(H)]);
  });

  it("asks nothing more when the rev-parse fails, answers something else, or nothing follows", async () => {
    for (const [out, code] of [[`${B}\n${H}\n${X}\n/top\n`, 128], ["fatal: not a git repository\n", 0], [`${B}\n/top\n`, 0]] as const) {
      const { run, calls } = answering(out, code);
      askedAhead(direct, "/top", run, reviewQuestions({ base: "main", head: "feature", mergeBase: false }));
      await settled();
      expect(calls.map(([args]) => args[0])).toEqual(["rev-parse"]);
    }
    const { run, calls } = answering(`${B}\n${H}\n${X}\n/top\n`);
    askedAhead(direct, "/top", run, null);
    await settled();
    expect(calls).toHaveLength(1);
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
    // The diff and the head's listing asked ahead are the ones used: one diff, and one listing per tree.
    expect(started.filter((c) => c === "diff")).toHaveLength(1);
    expect(started.filter((c) => c === "ls-tree")).toHaveLength(2);
  }, 60_000);
});
