// Errors that say what to do (issue 14 item 6): each mistake a new user makes at the prompt ends
// in a message naming the fix, exit 2, and never "internal error".
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { runGit, type GitRunner } from "../../src/git/git.js";
import { runCli } from "../../src/cli/run.js";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { cli, layeredRepo } from "./harness.js";

let repo: SampleRepository;
let outside: string;

beforeAll(async () => {
  repo = (await layeredRepo()).repo;
  outside = await mkdtemp(path.join(os.tmpdir(), "archreview-not-a-repo-"));
});
afterAll(async () => {
  await repo.dispose();
  await rm(outside, { recursive: true, force: true });
});

const usageFailure = (run: { code: number; stderr: string }): void => {
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(/internal error|ENOENT|ERR_PARSE_ARGS/);
};

describe("archreview: errors that say what to do", () => {
  it("names a --repo that does not exist, instead of `spawn git ENOENT`", async () => {
    const run = await cli(["review", "--repo", "/nonexistent/archreview", "--base", "main"], repo.dir);
    usageFailure(run);
    expect(run.stderr).toContain("--repo /nonexistent/archreview does not exist: give the folder of a git clone");
  });

  it("says when the folder is not inside a git repository", async () => {
    const run = await cli(["review", "--repo", outside, "--base", "main"], repo.dir);
    usageFailure(run);
    expect(run.stderr).toContain(`${outside} is not inside a git repository: run archreview in a clone, or name one with --repo DIR`);
  });

  it("says git is missing when the git program cannot be started", async () => {
    const missing: GitRunner = () => Promise.reject(Object.assign(new Error("spawn git ENOENT"), { code: "ENOENT", syscall: "spawn git" }));
    let stderr = "";
    const code = await runCli(["review", "--base", "main"], { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, cwd: repo.dir, env: {}, git: missing });
    expect(code).toBe(2);
    expect(stderr).toContain("git was not found on PATH");
    expect(stderr).not.toContain("internal error");
  });

  it("suggests the option meant by a misspelt one", async () => {
    const run = await cli(["review", "--base", "main", "--fromat", "json"], repo.dir);
    usageFailure(run);
    expect(run.stderr).toContain("unknown option --fromat (did you mean --format?)");
    const check = await cli(["check", "--base", "main"], repo.dir);
    usageFailure(check);
    expect(check.stderr).toContain("unknown option --base; `archreview check` takes");
  });

  it("suggests --base for a ref given as a positional argument, and the command for a misspelt one", async () => {
    const run = await cli(["review", "main"], repo.dir);
    usageFailure(run);
    expect(run.stderr).toContain('unexpected argument "main": did you mean `archreview review --base main`?');
    const head = await cli(["review", "--base", "main", "feature"], repo.dir);
    expect(head.stderr).toContain("did you mean `archreview review --head feature`?");
    const check = await cli(["check", "v1.0"], repo.dir);
    expect(check.stderr).toContain("did you mean `archreview check --rev v1.0`?");
    const command = await cli(["reveiw", "--base", "main"], repo.dir);
    usageFailure(command);
    expect(command.stderr).toContain('unknown command "reveiw" (did you mean "review"?)');
  });

  it("says an option needs a value in its own words", async () => {
    const run = await cli(["review", "--base"], repo.dir);
    usageFailure(run);
    expect(run.stderr).toContain("--base needs a value");
  });

  it("explains a missing remote-tracking ref: no such remote, and the local branch of that name", async () => {
    const run = await cli(["review", "--base", "origin/main", "--no-cache"], repo.dir);
    usageFailure(run);
    expect(run.stderr).toContain('unknown revision "origin/main"');
    expect(run.stderr).toContain('this clone has no remote "origin" (it has none); the local branch is `--base main`');
  });

  it("suggests `git fetch` when the remote exists but the branch was never fetched", async () => {
    const r = await runGit(["remote", "add", "upstream", "https://example.invalid/never-fetched.git"], { cwd: repo.dir });
    expect(r.code).toBe(0);
    const run = await cli(["review", "--base", "upstream/release", "--no-cache"], repo.dir);
    usageFailure(run);
    expect(run.stderr).toContain("`git fetch upstream release` fetches it");
    expect(run.stderr).not.toContain("local branch");
  });

  it("says a shallow clone may not reach a revision, and how to fetch older commits", async () => {
    const shallow = path.join(outside, "shallow");
    const second = await repo.commit("second");
    expect(second).toMatch(/^[0-9a-f]{40}$/);
    const cloned = await runGit(["clone", "--quiet", "--depth", "1", `file://${repo.dir}`, shallow], { cwd: outside });
    expect(cloned.code).toBe(0);
    const run = await cli(["review", "--base", "HEAD~1", "--no-cache"], shallow);
    usageFailure(run);
    expect(run.stderr).toContain('unknown revision "HEAD~1"');
    expect(run.stderr).toContain("this clone is shallow and may not reach it: `git fetch --deepen=50` (or `--unshallow`) fetches older commits");
    // Not said in a full clone: there HEAD~1 of a one-commit history is simply unknown.
    const full = await cli(["review", "--base", "HEAD~5", "--no-cache"], repo.dir);
    usageFailure(full);
    expect(full.stderr).not.toContain("shallow");
  });

  it("prints the version of package.json", async () => {
    const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    const run = await cli(["--version"], repo.dir);
    expect(run).toEqual({ code: 0, stdout: `archreview ${version}\n`, stderr: "" });
  });

  it("--help names the config file and the init, check and review commands", async () => {
    const run = await cli(["--help"], repo.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(".github/archreview.yml");
    for (const command of ["init", "check", "review"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(run.stdout).toContain("--worktree");
  });
});
