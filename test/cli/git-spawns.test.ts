// How many git processes a review starts: each spawn from Node forks the whole process (10-15 ms of
// the main thread on a loaded machine), so the top level, --base, --head, HEAD and the merge base are
// read in ONE `git rev-parse` (git/revision-batch.ts) instead of one process each, one after another.
// Counted twice: the CLI's injectable runner (which commands, in which order), and GIT_TRACE over
// the real run (every git process, the engine's own included).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { runCli } from "../../src/cli/run.js";
import { runGit, type GitRunner } from "../../src/git/git.js";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { layeredRepo } from "./harness.js";

let repo: SampleRepository;
let base: string;
let head: string;
let tmp: string;

beforeAll(async () => {
  ({ repo, base } = await layeredRepo());
  await repo.write("src/domain/money.ts", "export type Money = number;\n");
  head = await repo.commit("head");
  // HEAD moves on: the review's head is not HEAD, so no `git status` for the uncommitted-changes note.
  await repo.write("src/domain/later.ts", "export const later = 1;\n");
  await repo.commit("later");
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-spawns-"));
}, 60_000);
afterAll(async () => {
  await repo.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

async function review(args: string[], git?: GitRunner, command = "review"): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const cache = args.includes("--cache-dir") ? [] : ["--no-cache"];
  const code = await runCli([command, "--repo", repo.dir, "--format", "json", ...cache, ...args], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: repo.dir,
    env: {},
    today: "2026-11-20",
    ...(git ? { git } : {}),
  });
  return { code, stdout, stderr };
}

/** The git commands the CLI itself ran, each as its name (and rev-parse's arguments). */
async function commandsOf(args: string[], command = "review"): Promise<string[]> {
  return (await reviewCounted(args, command)).ran;
}

/** The review's JSON (stats aside) and the git commands the CLI ran for it. */
async function reviewCounted(args: string[], command = "review"): Promise<{ ran: string[]; review: unknown }> {
  const ran: string[] = [];
  const counting: GitRunner = (gitArgs, options) => {
    ran.push(gitArgs[0] === "rev-parse" ? gitArgs.join(" ") : (gitArgs[0] as string));
    return runGit(gitArgs, options);
  };
  const run = await review(args, counting, command);
  // stderr may hold progress lines (a slow run): the exit status and the JSON review say it worked.
  expect(run.code).toBe(0);
  const { stats: _stats, ...reviewed } = JSON.parse(run.stdout) as { stats: unknown };
  return { ran, review: reviewed };
}

describe("the git processes a review starts", () => {
  it("--no-merge-base: one rev-parse for the top level, --base, --head and HEAD, then the two listings and the diff", async () => {
    const ran = await commandsOf(["--base", base, "--head", head, "--no-merge-base"]);
    expect(ran).toEqual([`rev-parse ${base}^{commit} ${head}^{commit} HEAD^{commit} --show-toplevel`, "ls-tree", "ls-tree", "diff"]);
  });

  it("with the merge base: the same single rev-parse computes it too", async () => {
    const ran = await commandsOf(["--base", "main~2", "--head", head]);
    expect(ran).toEqual([`rev-parse main~2^{commit}...${head}^{commit} HEAD^{commit} --show-toplevel`, "ls-tree", "ls-tree", "diff"]);
  });

  it("check: one rev-parse for the top level and --rev", async () => {
    const ran = await commandsOf(["--rev", "HEAD~1"], "check");
    expect(ran).toEqual(["rev-parse HEAD~1^{commit} --show-toplevel", "ls-tree", "ls-tree", "diff"]);
  });

  it("an unknown --head falls back to one question at a time and keeps today's message", async () => {
    const ran: string[] = [];
    const run = await review(["--base", base, "--head", "no-such-branch"], (a, o) => (ran.push(a[0] as string), runGit(a, o)));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`archreview: unknown revision "no-such-branch" in ${repo.dir}\n`);
    expect(ran[0]).toBe("rev-parse");
    expect(ran.filter((c) => c === "rev-parse").length).toBeGreaterThan(1);
  });

  it("counted by git itself (GIT_TRACE): five processes in all, the engine's cat-file included", async () => {
    const trace = path.join(tmp, "trace.txt");
    const before = process.env.GIT_TRACE;
    process.env.GIT_TRACE = trace;
    let run: Awaited<ReturnType<typeof review>>;
    try {
      run = await review(["--base", base, "--head", head, "--no-merge-base"]);
    } finally {
      if (before === undefined) delete process.env.GIT_TRACE;
      else process.env.GIT_TRACE = before;
    }
    expect(run.code).toBe(0);
    const started = readFileSync(trace, "utf8").split("\n").filter((l) => / trace: built-in: git /.test(l)).map((l) => l.replace(/^.* trace: built-in: git /, "").split(" ")[0]);
    expect(started.sort()).toEqual(["cat-file", "diff", "ls-tree", "ls-tree", "rev-parse"]);
  });

  it("--cache-dir: a listing read from git is kept; the next review of the same base lists only the new head, and says the same", async () => {
    const cacheDir = path.join(tmp, "listings");
    const args = ["--base", base, "--no-merge-base", "--cache-dir", cacheDir];
    const first = await reviewCounted([...args, "--head", head]);
    expect(first.ran.slice(1).sort()).toEqual(["diff", "ls-tree", "ls-tree"]);
    const again = await reviewCounted([...args, "--head", head]);
    expect(again.ran.slice(1)).toEqual(["diff"]);
    const later = await reviewCounted([...args, "--head", "HEAD"]);
    // HEAD is the head: `git status` looks for uncommitted changes to note.
    expect(later.ran.slice(1).sort()).toEqual(["diff", "ls-tree", "status"]);
    expect(again.review).toEqual(first.review);
    expect(later.review).toEqual((await reviewCounted(["--base", base, "--head", "HEAD", "--no-merge-base"])).review);
    // Damaged entries read as none: the trees are listed by git again, and the review is the same.
    for (const name of readdirSync(cacheDir).filter((n) => n.endsWith(".bin"))) writeFileSync(path.join(cacheDir, name), "damaged");
    const damaged = await reviewCounted([...args, "--head", head]);
    expect(damaged.ran.slice(1).sort()).toEqual(["diff", "ls-tree", "ls-tree"]);
    expect(damaged.review).toEqual(first.review);
  });
});
