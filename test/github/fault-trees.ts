// The trees of the fault-injection suite and how a review fetches them: the two tarballs, or,
// when the merge base is cached, the changed files one by one (contents and blob APIs).
import { mkdirSync, mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import nock from "nock";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { reviewTrees } from "../../src/engine/review.js";
import { extractTarball } from "../../src/archive/extract.js";
import { API, OWNER, REPO, REPO_PATH, tarballOf } from "./app-harness.js";
import type { FaultPlan, ReviewScenario, Step } from "./fault-mock.js";
import { blobOf, compareOf, contentsOf, touchedOf, type CompareReply } from "./git-github.js";

export const CODELOAD = "https://codeload.github.com";
export const codeloadPath = (sha: string) => `/${OWNER}/${REPO}/legacy.tar.gz/${sha}`;

const VIOLATION = 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n';

/** What GitHub answers a review that fetches the changed files (its merge base cached). */
export interface ChangedFilesAnswers {
  compare: CompareReply;
  contents: { file: string; ref: string; reply: Record<string, unknown> }[];
  blobs: { sha: string; reply: Record<string, unknown> }[];
}

type Trees = Pick<ReviewScenario, "base" | "head"> & { orgConfig: string };

/**
 * The layered sample whose base has no archreview config (the organisation's `.github`
 * repository provides it, so the review reads it through the API), and a head whose domain
 * imports infrastructure: the review fails the check and writes a comment.
 */
export async function buildFixture(): Promise<Trees> {
  return withRepo(async (repo) => {
    const { base, head, orgConfig } = await commits(repo);
    return { base: [base, tarballOf(repo.dir, base)], head: [head, tarballOf(repo.dir, head)], orgConfig };
  });
}

/**
 * The same change, plus a source both trees have (fetched twice) and a file over 1 MB (its content
 * comes from the blob API), with the base's graph and manifest already in `cacheDir`.
 */
export async function buildChangedFilesFixture(): Promise<Trees & { changedFiles: ChangedFilesAnswers; cacheDir: string }> {
  return withRepo(async (repo) => {
    const { base, head, orgConfig } = await commits(repo, async () => {
      await repo.write("src/domain/order.ts", `${await readFile(path.join(repo.dir, "src/domain/order.ts"), "utf8")}// edited\n`);
      await repo.write("docs/big.txt", "0123456789abcdef".repeat(70_000));
    });
    const compare = compareOf(repo.dir, base, head);
    const wanted = touchedOf(compare).map((file) => ({ file, ref: head }));
    wanted.push({ file: "src/domain/order.ts", ref: base });
    const contents = wanted.map((w) => ({ ...w, reply: contentsOf(repo.dir, w.ref, w.file) as Record<string, unknown> }));
    const blobs = contents.filter((c) => c.reply.encoding === "none").map((c) => ({ sha: c.reply.sha as string, reply: blobOf(repo.dir, c.reply.sha as string) }));
    const cacheDir = await warmCache(tarballOf(repo.dir, base), base, orgConfig);
    return { base: [base, tarballOf(repo.dir, base)], head: [head, tarballOf(repo.dir, head)], orgConfig, changedFiles: { compare, contents, blobs }, cacheDir };
  });
}

async function withRepo<T>(build: (repo: SampleRepository) => Promise<T>): Promise<T> {
  const repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  try {
    return await build(repo);
  } finally {
    await repo.dispose();
  }
}

async function commits(repo: SampleRepository, more?: () => Promise<void>): Promise<{ base: string; head: string; orgConfig: string }> {
  const orgConfig = await readFile(path.join(repo.dir, ".github/archreview.yml"), "utf8");
  await repo.remove(".github/archreview.yml");
  const base = await repo.commit("base, configured by the organisation");
  await repo.write("src/domain/shortcut.ts", VIOLATION);
  await more?.();
  const head = await repo.commit("domain imports infrastructure");
  return { base, head, orgConfig };
}

/** A cache holding what an earlier review of the base left: its graph and its manifest. */
async function warmCache(tarball: Buffer, base: string, orgConfig: string): Promise<string> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "archreview-fault-cache-"));
  const tree = path.join(scratch, "base");
  mkdirSync(tree);
  await extractTarball(tarball, tree);
  const side = { sha: base, dir: tree };
  const cache = { dir: path.join(scratch, "cache"), repository: `${OWNER}/${REPO}`, manifests: true };
  await reviewTrees({ base: side, head: side, changes: [], configOverride: { file: "organisation", text: orgConfig }, today: "2026-11-20", cache });
  return cache.dir;
}

/** The changed files one by one: each endpoint's planned faults first (whichever files they hit). */
export function mockChangedFiles(answers: ChangedFilesAnswers, step: Step): void {
  step(
    "changed file contents",
    () => nock(API).get(new RegExp(`^${REPO_PATH}/contents/`)).query(true),
    () => answers.contents.forEach((c) => nock(API).get(`${REPO_PATH}/contents/${encodeURIComponent(c.file)}`).query({ ref: c.ref }).reply(200, c.reply)),
  );
  step(
    "changed file blob",
    () => nock(API).get(new RegExp(`^${REPO_PATH}/git/blobs/`)),
    () => answers.blobs.forEach((b) => nock(API).get(`${REPO_PATH}/git/blobs/${b.sha}`).reply(200, b.reply)),
  );
}

/** Both tarballs; a failed codeload download is retried from the API request, which redirects again. */
export function mockTarballs(scenario: ReviewScenario, step: Step, codeloadPlan: FaultPlan | undefined, stopped: boolean): void {
  const [headSha, headTarball] = scenario.head;
  const [baseSha, baseTarball] = scenario.base;
  if (!stopped) serveTarball(baseSha, baseTarball);
  const codeloadFailures = codeloadPlan?.times ?? 0;
  const redirect = () =>
    nock(API)
      .get(`${REPO_PATH}/tarball/${headSha}`)
      .times(codeloadFailures + (codeloadPlan?.permanent ? 0 : 1))
      .reply(302, "", { Location: `${CODELOAD}${codeloadPath(headSha)}` });
  step("tarball redirect", () => nock(API).get(`${REPO_PATH}/tarball/${headSha}`), redirect);
  step(
    "codeload download",
    () => nock(CODELOAD).get(codeloadPath(headSha)),
    () => nock(CODELOAD).get(codeloadPath(headSha)).reply(200, headTarball, { "content-type": "application/x-gzip", "content-length": String(headTarball.length) }),
  );
}

function serveTarball(sha: string, body: Buffer): void {
  nock(API)
    .get(`${REPO_PATH}/tarball/${sha}`)
    .reply(302, "", { Location: `${CODELOAD}${codeloadPath(sha)}` });
  nock(CODELOAD).get(codeloadPath(sha)).reply(200, body, { "content-type": "application/x-gzip", "content-length": String(body.length) });
}
