// The batched `git rev-parse` (src/git/revision-batch.ts) answers exactly what one
// `git rev-parse --verify --quiet NAME^{commit}` per name and `git merge-base` answer, for tags,
// short shas, branches, `HEAD~1`, reflog names; and answers nothing (so the caller asks one name at
// a time, for git's message) for a tree, an unknown name, an ambiguous short sha, a name that is
// not one revision (`a..b`, `-x`, `^x`, `HEAD:path`) and a folder outside any repository.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { EMPTY_TREE, Git, runGit } from "../../src/git/git.js";
import { batchArgs, isBatchable, parseBatch, type RevisionQuery } from "../../src/git/revision-batch.js";
import { SampleRepository } from "../../src/cli/sample-repo.js";

let repo: SampleRepository;
const shas: Record<string, string> = {};

async function git(...args: string[]): Promise<string> {
  const r = await runGit(args, { cwd: repo.dir });
  if (r.code !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.toString().trim();
}

/** What the unbatched path answers: `--verify --quiet NAME^{commit}`, or null. */
async function verified(name: string): Promise<string | null> {
  const r = await runGit(["rev-parse", "--verify", "--quiet", `${name}^{commit}`], { cwd: repo.dir });
  return r.code === 0 ? r.stdout.toString().trim() : null;
}

beforeAll(async () => {
  repo = await SampleRepository.create();
  await repo.write("a.ts", "export const a = 1;\n");
  shas.first = await repo.commit("first");
  await repo.write("b.ts", "export const b = 1;\n");
  shas.second = await repo.commit("second");
  await git("tag", "light", shas.first);
  await git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "tag", "-a", "-m", "annotated", "v1.0", shas.second);
  await git("branch", "feature/x", shas.first);
  await repo.write("sub/c.ts", "export const c = 1;\n");
  shas.third = await repo.commit("third");
  // "blob 173\n" and "blob 514\n" both start 2583: an ambiguous short sha.
  for (const text of ["blob 173\n", "blob 514\n"]) await repo.write(`blob-${text.length}-${text.slice(5, 8)}`, text);
  await git("add", "--all");
  await git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", "blobs");
}, 60_000);
afterAll(async () => repo.dispose());

async function batched(query: RevisionQuery) {
  return new Git(repo.dir).answersFor(query);
}

describe("one git rev-parse for the top level, the revisions and the merge base", () => {
  it("answers every resolvable name as rev-parse --verify does, and the top level as --show-toplevel does", async () => {
    const names = ["light", "v1.0", "feature/x", "HEAD~1", "HEAD", "main", "@", "main@{0}", shas.first!.slice(0, 7), shas.second!];
    const answers = await batched({ names, mergeBaseOf: null });
    expect(answers).not.toBeNull();
    for (const name of names) expect([name, answers!.commits.get(name)]).toEqual([name, await verified(name)]);
    expect(answers!.top).toBe(await git("rev-parse", "--show-toplevel"));
    // The annotated tag is peeled to its commit, as ^{commit} does.
    expect(answers!.commits.get("v1.0")).toBe(shas.second);
  });

  it("answers from a sub-folder with the same top level", async () => {
    const answers = await new Git(path.join(repo.dir, "sub")).answersFor({ names: ["HEAD"], mergeBaseOf: null });
    expect(answers?.top).toBe(await git("rev-parse", "--show-toplevel"));
  });

  it("gives git merge-base's answer for the pair, beside the other names", async () => {
    const query = { names: ["feature/x", "v1.0", "HEAD"], mergeBaseOf: { base: "v1.0", head: "feature/x" } };
    const answers = await batched(query);
    expect(answers?.mergeBase).toEqual({ base: shas.second, head: shas.first, sha: await git("merge-base", shas.second!, shas.first!) });
    expect(answers?.commits.get("HEAD")).toBe(await verified("HEAD"));
  });

  it("says when the pair's histories never meet", async () => {
    await git("checkout", "--quiet", "--orphan", "alone");
    await repo.write("z.ts", "export const z = 1;\n");
    await git("add", "z.ts");
    await git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", "alone");
    await git("checkout", "--quiet", "main");
    const answers = await batched({ names: ["main", "alone"], mergeBaseOf: { base: "main", head: "alone" } });
    expect(answers?.mergeBase?.sha).toBeNull();
    expect((await runGit(["merge-base", "main", "alone"], { cwd: repo.dir })).code).toBe(1);
  });

  it.each([
    ["a tree", EMPTY_TREE],
    ["an unknown name", "no-such-branch"],
    ["an ambiguous short sha", "2583"],
  ])("answers nothing when one name is %s", async (_what, name) => {
    expect(await verified(name)).toBeNull();
    expect(await batched({ names: ["HEAD", name], mergeBaseOf: null })).toBeNull();
    expect(await batched({ names: ["HEAD"], mergeBaseOf: { base: name, head: "HEAD" } })).toBeNull();
  });

  it("2583 is indeed an ambiguous short sha in this repository (not merely unknown)", async () => {
    const r = await runGit(["rev-parse", "2583"], { cwd: repo.dir });
    expect(r.stderr).toContain("short object ID 2583 is ambiguous");
  });

  it("does not batch a name rev-parse would read as a range, an option, a negation or a path", () => {
    for (const name of ["main..HEAD", "main...HEAD", "-x", "--all", "^main", "HEAD:sub", "a b", "x\ny", ""]) {
      expect([name, isBatchable(name)]).toEqual([name, false]);
      expect(batchArgs({ names: ["HEAD", name], mergeBaseOf: null })).toBeNull();
    }
  });

  it("answers nothing outside a repository", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "archreview-norepo-"));
    try {
      expect(await new Git(outside).answersFor({ names: ["HEAD"], mergeBaseOf: null })).toBeNull();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("reads only an answer of exactly the lines asked for", () => {
    const sha = "a".repeat(40);
    const query = { names: ["x", "y"], mergeBaseOf: null };
    expect(parseBatch(query, `${sha}\n${sha}\n/repo\n`)).toEqual({ top: "/repo", commits: new Map([["x", sha], ["y", sha]]) });
    expect(parseBatch(query, `${sha}\n/repo\n`)).toBeNull();
    expect(parseBatch(query, `${sha}\nx^{commit}\n/repo\n`)).toBeNull();
    expect(parseBatch(query, `${sha}\n${sha}\n`)).toBeNull();
    expect(parseBatch(query, `${sha}\n${sha}\n/a\nb\n`)?.top).toBe("/a\nb");
  });
});
