// The App reviews what a pull request changed since its merge base, and when the merge base's graph
// is cached it fetches only the changed files: the same comment and check run as from the two
// tarballs, without downloading either.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import type { Review } from "../../../src/core/model.js";
import { reviewTrees } from "../../../src/engine/review.js";
import { extractTarball } from "../../../src/archive/extract.js";
import { DEFAULT_SNAPSHOT_LIMITS } from "../../../src/archive/limits.js";
import { createTestApp, installationToken, pullRequestPayload, serveTarball, tarballOf, type Payload } from "../app-harness.js";
import { compareOf, pullFilesOf, serveCompare, serveFilesFrom } from "../git-github.js";
import { mockCheckCreate, mockCheckUpdates, mockComments, mockCompare, mockPullFiles, recorder, useGitHubMock, useLayeredRepo, type Recorded } from "../github-mock.js";
import { capturingLogger } from "../../helpers/captured-log.js";

useGitHubMock();
const fixture = useLayeredRepo();

let cacheDir: string;
const lines: string[] = [];
/** Requests no interceptor answered (a tarball, say): none may happen. */
const unmatched: string[] = [];
const onNoMatch = (req: { method?: string; path?: string }) => unmatched.push(`${req.method} ${req.path}`);
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "archreview-app-cache-"));
  lines.length = 0;
  unmatched.length = 0;
  nock.emitter.on("no match", onNoMatch);
});
afterEach(() => {
  nock.emitter.removeListener("no match", onNoMatch);
  rmSync(cacheDir, { recursive: true, force: true });
  expect(unmatched).toEqual([]);
});

const capture = () => capturingLogger("info", lines);
const published = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "Review published");

const VIOLATION = 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n';
const COMPLEX = "\nexport function discount(n: number): number {\n  if (n > 1) return 1;\n  if (n > 2) return 2;\n  if (n > 3) return 3;\n  if (n > 4) return 4;\n  if (n > 5) return 5;\n  return n > 6 ? 6 : 0;\n}\n";

/**
 * A base with one violation, and a PR touching sources (a new violation, the old one's file renamed,
 * a function growing more complex, a file growing too long, a rename and its importers, a deletion,
 * a workspace import) and other files (one over 1 MB).
 */
async function busyPullRequest(): Promise<{ base: string; head: string }> {
  const { repo } = fixture;
  await repo.write("src/domain/legacy.ts", VIOLATION.replace("users", "legacyUsers"));
  const base = await repo.commit("a base with a violation");
  await repo.move("src/domain/legacy.ts", "src/domain/legacy-users.ts");
  await repo.write("src/domain/shortcut.ts", VIOLATION);
  await repo.write("src/domain/order.ts", (await readText("src/domain/order.ts")) + COMPLEX + "\n".repeat(30));
  await repo.write("src/domain/user.ts", (await readText("src/domain/user.ts")).replace('if (!email.includes("@"))', 'if (!email.includes("@") || email.length > 99 || email.startsWith(".") || email.endsWith(".") || email.includes(" ") || email.includes(".."))'));
  await repo.move("src/application/ports.ts", "src/application/contracts.ts");
  for (const file of ["src/application/register-user.ts", "src/infrastructure/memory-user-repository.ts"]) await repo.write(file, (await readText(file)).replace("/ports.js", "/contracts.js"));
  await repo.remove("src/main.ts");
  await repo.write("src/infrastructure/ids.ts", 'import { newId } from "@layered/shared";\nexport const id = () => newId("x");\n');
  await repo.write("docs/big.txt", "0123456789abcdef".repeat(80_000));
  await repo.write("docs/adr/0001-record-architecture-decisions.md", (await readText("docs/adr/0001-record-architecture-decisions.md")) + "\nAmended.\n");
  return { base, head: await repo.commit("a busy pull request") };
}

async function readText(file: string): Promise<string> {
  return execFileSync("git", ["show", `HEAD:${file}`], { cwd: fixture.repo.dir }).toString("utf8");
}

/** The check run and comment of one review, timing taken out (the footer says how long it took). */
function output(rec: Recorded) {
  const untimed = (text: unknown) => String(text).replace(/ · [\d.]+ m?s</g, " · <time><");
  return {
    comments: rec.commentCreates.map((c) => untimed(c.body)),
    checks: rec.checkUpdates.map((u) => JSON.parse(untimed(JSON.stringify(u))) as unknown),
  };
}

/** The engine over the two commits' tarballs, as the App reviewed before it used the merge base. */
async function reviewDirectly(base: string, head: string): Promise<Review> {
  const dirs = [path.join(cacheDir, "base"), path.join(cacheDir, "head")] as const;
  for (const [dir, sha] of [[dirs[0], base], [dirs[1], head]] as const) {
    mkdirSync(dir);
    await extractTarball(tarballOf(fixture.repo.dir, sha), dir);
  }
  return (await reviewTrees({ base: { sha: base, dir: dirs[0] }, head: { sha: head, dir: dirs[1] }, today: "2026-11-20" })).review;
}

/** One review of base...head through the tarballs, the PR's file list giving the renames. */
async function reviewFromTarballs(head: string, options: { cacheDir?: string; checkId: number; base?: string }) {
  const base = options.base ?? fixture.base;
  const compared = compareOf(fixture.repo.dir, base, head);
  const app = createTestApp({ log: capture(), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });
  const rec = recorder();
  installationToken();
  mockCheckCreate(rec, options.checkId);
  serveCompare(base, head, compared);
  serveTarball(compared.merge_base_commit.sha, tarballOf(fixture.repo.dir, compared.merge_base_commit.sha));
  serveTarball(head, tarballOf(fixture.repo.dir, head));
  mockPullFiles(1, pullFilesOf(compared));
  return { app, rec, compared };
}

describe("the review's base is the PR's merge base", () => {
  it("does not report what main gained or lost after the branch point, which comparing main's tip would", async () => {
    const { repo } = fixture;
    await repo.write("src/domain/legacy.ts", VIOLATION.replace("users", "legacyUsers"));
    const branchPoint = await repo.commit("branch point: one violation");
    execFileSync("git", ["checkout", "-q", "-b", "feature"], { cwd: repo.dir });
    await repo.write("src/domain/money.ts", "export type Money = number;\n");
    const head = await repo.commit("feature: a clean change");
    execFileSync("git", ["checkout", "-q", "main"], { cwd: repo.dir });
    await repo.remove("src/domain/legacy.ts");
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const tip = await repo.commit("main: fixes legacy.ts, breaks shortcut.ts");

    const { app, rec, compared } = await reviewFromTarballs(head, { checkId: 31, base: tip });
    expect(compared.merge_base_commit.sha).toBe(branchPoint);
    mockComments(rec, 1, null, "none");
    mockCheckUpdates(rec, 31);
    await app.receive("pull_request", pullRequestPayload("opened", { base: tip, head }));
    const done = rec.checkUpdates[0] as { conclusion: string; output: { title: string; summary: string } };
    expect(done.conclusion).toBe("success");
    expect(done.output.summary).toContain(`base ${branchPoint.slice(0, 7)} → head ${head.slice(0, 7)}`);
    expect(rec.commentCreates).toEqual([]);
    expect(published()[0]).toEqual(expect.objectContaining({ base: branchPoint, outcome: "reviewed", errors: 0 }));

    // Comparing main's tip instead, the clean PR would undo main's fix and fix main's violation.
    const twoDot = await reviewDirectly(tip, head);
    expect(twoDot.newViolations.map((v) => v.from)).toEqual(["src/domain/legacy.ts"]);
    expect(twoDot.resolvedViolations.map((v) => v.from)).toEqual(["src/domain/shortcut.ts"]);
  });
});

describe("only the changed files when the merge base's graph is cached", () => {
  it("publishes the comment and check run the two tarballs give, without requesting either", async () => {
    const { base, head } = await busyPullRequest();
    await fixture.repo.write("docs/warm-up.md", "another pull request on the same base\n");
    const other = await fixture.repo.commit("another pull request");

    // An earlier pull request on the same base leaves the base's graph and manifest in the cache.
    const earlier = await reviewFromTarballs(other, { cacheDir, checkId: 40, base });
    mockComments(earlier.rec, 1, null, "create");
    mockCheckUpdates(earlier.rec, 40);
    await earlier.app.receive("pull_request", pullRequestPayload("opened", { base, head: other }, { changedFiles: earlier.compared.files.length }));
    expect(published()[0]).toEqual(expect.objectContaining({ fetch: "tarballs", fetchReason: "the merge base is not cached" }));

    const warm = createTestApp({ log: capture(), cacheDir });
    const warmRec = recorder();
    installationToken();
    mockCheckCreate(warmRec, 41);
    const compared = compareOf(fixture.repo.dir, base, head);
    serveCompare(base, head, compared);
    const served = serveFilesFrom(fixture.repo.dir);
    mockComments(warmRec, 1, null, "create");
    mockCheckUpdates(warmRec, 41);
    const opened = pullRequestPayload("opened", { base, head }, { changedFiles: compared.files.length });
    await warm.receive("pull_request", opened);

    const sources = ["src/application/register-user.ts", "src/domain/order.ts", "src/domain/user.ts", "src/infrastructure/memory-user-repository.ts"];
    const headFiles = [...sources, "src/application/contracts.ts", "src/domain/legacy-users.ts", "src/domain/shortcut.ts", "src/infrastructure/ids.ts", "docs/adr/0001-record-architecture-decisions.md", "docs/big.txt"];
    const baseFiles = [...sources, "src/application/ports.ts", "src/domain/legacy.ts"];
    expect(served.contents.sort()).toEqual([...baseFiles.map((f) => `${base}:${f}`), ...headFiles.map((f) => `${head}:${f}`)].sort());
    expect(served.blobs).toHaveLength(1); // docs/big.txt, over the contents API's 1 MB
    expect(published()[1]).toEqual(expect.objectContaining({ fetch: "changed-files", filesFetched: 16, base, outcome: "reviewed" }));
    expect(await warm.metrics.registry.metrics()).toContain('archreview_review_fetches_total{path="changed-files"} 1');

    const cold = await reviewFromTarballs(head, { checkId: 41, base });
    mockComments(cold.rec, 1, null, "create");
    mockCheckUpdates(cold.rec, 41);
    await cold.app.receive("pull_request", opened);
    expect(published()[2]).toEqual(expect.objectContaining({ fetch: "tarballs", fetchReason: "no graph cache" }));

    expect(output(warmRec)).toEqual(output(cold.rec));
    // What the two agree on: the renamed violation is not new, the grown function and file say what they were.
    const done = warmRec.checkUpdates[0] as { conclusion: string; output: { annotations: { path: string; title: string }[] } };
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations.map((a) => `${a.path} ${a.title}`).sort()).toEqual([
      "src/domain/order.ts Complexity over 5",
      "src/domain/order.ts File over 40 lines",
      "src/domain/shortcut.ts domain-not-to-infrastructure",
      "src/domain/user.ts Complexity over 5",
    ]);
    const comment = String(warmRec.commentCreates[0]?.body);
    expect(comment).toContain("docs/adr/0008-");
    expect(comment).toMatch(/src\/domain\/order\.ts\) \| 50 \| 40 \| 11 \|/);
    expect(comment).toMatch(/`createUser` .* \| 7 \| 5 \| 2 \|/);
    expect(comment).not.toContain("Resolved");
  });

  it("downloads the tarballs when the PR changes how imports resolve (package.json)", async () => {
    await fixture.repo.write("package.json", '{ "name": "layered-sample", "private": true, "workspaces": ["packages/*", "tools/*"] }\n');
    const head = await fixture.repo.commit("a new workspace glob");
    const earlier = await reviewFromTarballs(head, { cacheDir, checkId: 60 });
    mockComments(earlier.rec, 1, null, "none");
    mockCheckUpdates(earlier.rec, 60);
    await earlier.app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head }));
    const again = await reviewFromTarballs(head, { cacheDir, checkId: 61 });
    mockComments(again.rec, 1, null, "none");
    mockCheckUpdates(again.rec, 61);
    await again.app.receive("pull_request", pullRequestPayload("synchronize", { base: fixture.base, head }));
    expect(published().map((l) => l.fetchReason)).toEqual(["package.json changed", "package.json changed"]);
    expect(again.rec.checkUpdates[0]).toEqual(expect.objectContaining({ conclusion: "success" }));
  });
});

describe("pull requests changing more files than ARCHREVIEW_MAX_PR_FILES", () => {
  const limits = { ...DEFAULT_SNAPSHOT_LIMITS, maxPrFiles: 5 };
  const HEAD = "e".repeat(40);

  async function expectTooMany(payload: Payload, sentence: string): Promise<void> {
    const app = createTestApp({ limits });
    const rec = recorder();
    installationToken();
    mockCheckCreate(rec, 51);
    mockCheckUpdates(rec, 51);
    mockComments(rec, 1, null, "create");
    await app.receive("pull_request", payload);
    // Failure, not neutral: the PR chooses how many files it changes, so padding it must not make it pass.
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "failure", output: expect.objectContaining({ title: "Too many changed files", summary: expect.stringContaining(sentence) }) })]);
    expect(String(rec.commentCreates[0]?.body)).toContain(`**Too many changed files.** ${sentence}`);
  }

  it("end in a failed check and a short comment, before anything is fetched", async () => {
    const payload = pullRequestPayload("opened", { base: fixture.base, head: HEAD });
    payload.pull_request.changed_files = 7;
    await expectTooMany(payload, "This pull request changes 7 files; archreview reviews at most 5. Set ARCHREVIEW_MAX_PR_FILES to 7 or more to review it");
  });

  it("are counted from the compare API when the pull request does not say", async () => {
    const payload = pullRequestPayload("opened", { base: fixture.base, head: HEAD });
    delete payload.pull_request.changed_files;
    const files = Array.from({ length: 6 }, (_, i) => ({ filename: `src/f${i}.ts`, status: "added", sha: "a".repeat(40) }));
    mockCompare(fixture.base, HEAD, { files });
    await expectTooMany(payload, "This pull request changes 6 files; archreview reviews at most 5.");
  });
});
