// Hostile pull requests against the CLI: links out of the tree and special files never reach the review.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import type { Review } from "../../src/core/model.js";
import { cli, layeredRepo, type CliRun } from "./harness.js";

const SECRET = "ARCHREVIEW_FAKE_SECRET_ghp_0123456789abcdefABCDEF";
let repo: SampleRepository | undefined;
let outside: string;

beforeEach(async () => {
  outside = await mkdtemp(path.join(os.tmpdir(), "archreview-outside-"));
});
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
  await rm(outside, { recursive: true, force: true });
});

/** Commits `file` in the layered sample as a symbolic link to `target`; returns the base and head shas. */
async function linkedHead(file: string, target: string, extra?: (r: SampleRepository) => Promise<void>): Promise<{ base: string; head: string }> {
  const r = await layeredRepo();
  repo = r.repo;
  await repo.remove(file);
  await symlink(target, path.join(repo.dir, file));
  await extra?.(repo);
  return { base: r.base, head: await repo.commit(`${file} -> ${target}`) };
}

/** The review in every format, each run's stdout and stderr together. */
async function allFormats(base: string, head: string): Promise<Record<string, CliRun>> {
  const runs: Record<string, CliRun> = {};
  for (const format of ["text", "markdown", "json"]) {
    runs[format] = await cli(["review", "--repo", (repo as SampleRepository).dir, "--base", base, "--head", head, "--format", format, "--no-cache"], (repo as SampleRepository).dir);
  }
  return runs;
}

/** Secrets also show in markdown with `_` escaped: look for both spellings. */
function expectNowhere(runs: Record<string, CliRun>, secrets: string[]): void {
  for (const [format, run] of Object.entries(runs)) {
    const output = `${run.stdout}\n${run.stderr}`;
    for (const secret of secrets) {
      expect({ format, leaked: output.includes(secret) || output.includes(secret.replace(/_/g, "\\_")) }).toEqual({ format, leaked: false });
    }
  }
}

function expectNoticeNaming(runs: Record<string, CliRun>, file: string, reason: RegExp): void {
  const review = JSON.parse((runs.json as CliRun).stdout) as Review;
  expect(review.notices.filter((n) => n.includes(`\`${file}\``) && reason.test(n))).toHaveLength(1);
  for (const format of ["text", "markdown"]) expect((runs[format] as CliRun).stdout).toContain(file.replace(/_/g, "\\_"));
}

describe("archreview review: a PR that links files out of the repository", () => {
  it("never reads a config linked to a file outside the tree, and names it in a notice", async () => {
    await writeFile(path.join(outside, "credentials"), `boundaries:\n  token: ["${SECRET}"]\n${SECRET}: [\n`);
    const { base, head } = await linkedHead(".github/archreview.yml", path.join(outside, "credentials"));
    const runs = await allFormats(base, head);
    for (const run of Object.values(runs)) expect(run.code).not.toBe(2);
    expectNowhere(runs, [SECRET]);
    expectNoticeNaming(runs, ".github/archreview.yml", /symbolic link pointing outside the repository: not read/);
  });

  it("never quotes the process environment through a config linked to /proc/self/environ", async () => {
    // What a CI token would be: every variable of this process's environment as /proc shows it.
    const environment = readFileSync("/proc/self/environ", "utf8").split("\0").filter((entry) => entry.length >= 12);
    expect(environment.length).toBeGreaterThan(0);
    const { base, head } = await linkedHead(".github/archreview.yml", "/proc/self/environ");
    const runs = await allFormats(base, head);
    expectNowhere(runs, environment);
    expectNoticeNaming(runs, ".github/archreview.yml", /symbolic link pointing outside the repository/);
  });

  it("never reads .adr-dir linked outside the tree (the ADR stub keeps the configured directory)", async () => {
    await writeFile(path.join(outside, "adr-secret"), `docs/${SECRET}\n`);
    const { base, head } = await linkedHead(".adr-dir", path.join(outside, "adr-secret"), async (r) => {
      // A new dependency between boundaries: the review writes an ADR stub, numbered from .adr-dir's directory.
      await r.write("src/infrastructure/clock.ts", 'import { newId } from "@layered/shared";\nexport const stamp = () => newId("t");\n');
    });
    const runs = await allFormats(base, head);
    expectNowhere(runs, [SECRET]);
    const review = JSON.parse((runs.json as CliRun).stdout) as Review;
    expect(review.adr?.path).toBe("docs/adr/0008-allow-infrastructure-to-depend-on-shared.md");
    expectNoticeNaming(runs, ".adr-dir", /symbolic link pointing outside the repository/);
  });

  it("finishes when package.json links to /dev/zero, with a notice naming it", async () => {
    const { base, head } = await linkedHead("package.json", "/dev/zero");
    const run = await cli(["review", "--repo", (repo as SampleRepository).dir, "--base", base, "--head", head, "--format", "json", "--no-cache"], (repo as SampleRepository).dir);
    expect(run.stderr).not.toContain("internal error");
    const review = JSON.parse(run.stdout) as Review;
    expect(review.notices).toContain("At head: `package.json` is a symbolic link pointing outside the repository: not read.");
  });

  it("does not wait on a config linked to a FIFO or to /dev/stdin", async () => {
    const fifo = path.join(outside, "fifo");
    execFileSync("mkfifo", [fifo]);
    const { base, head } = await linkedHead(".github/archreview.yml", fifo, async (r) => {
      await r.remove("tsconfig.json");
      await symlink("/dev/stdin", path.join(r.dir, "tsconfig.json"));
    });
    // A read of either would block this run until the test times out.
    const run = await cli(["review", "--repo", (repo as SampleRepository).dir, "--base", base, "--head", head, "--format", "json", "--no-cache"], (repo as SampleRepository).dir);
    const review = JSON.parse(run.stdout) as Review;
    expect(review.notices.filter((n) => n.includes("`.github/archreview.yml`"))).toHaveLength(1);
    expect(review.notices.filter((n) => n.includes("`tsconfig.json`"))).toHaveLength(1);
  });

  it("reads the base's config from git objects when the graph cache is warm, refusing a linked one", async () => {
    const cacheDir = path.join(outside, "cache");
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/note.ts", "export const note = 1;\n");
    const second = await repo.commit("second");
    await cli(["review", "--repo", repo.dir, "--base", r.base, "--head", second, "--cache-dir", cacheDir], repo.dir);
    await writeFile(path.join(outside, "credentials"), `${SECRET}: [\n`);
    await repo.remove(".github/archreview.yml");
    await symlink(path.join(outside, "credentials"), path.join(repo.dir, ".github/archreview.yml"));
    const linked = await repo.commit("config becomes a link");
    await repo.write("src/domain/other.ts", "export const other = 2;\n");
    const head = await repo.commit("third");
    const run = await cli(["review", "--repo", repo.dir, "--base", linked, "--head", head, "--format", "json", "--cache-dir", cacheDir], repo.dir);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
    expect((JSON.parse(run.stdout) as Review).notices.some((n) => n.includes("`.github/archreview.yml` is a symbolic link pointing outside"))).toBe(true);
  });
});
