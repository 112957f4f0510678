// Trees read from git objects answer as the same trees written to disk (git read-tree + checkout-index)
// do: same listing and refusals, same graph (every edge, every external import), same review; and a
// review reads them through one `git cat-file --batch` process.
import { mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { Git, runGit } from "../../src/git/git.js";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import type { Review } from "../../src/core/model.js";
import { gitSide, reviewTrees } from "../../src/engine/index.js";
import { openTrees } from "../../src/engine/tree-sources.js";
import { nodeGitProcesses, type GitProcesses } from "../../src/extract/git-objects.js";
import { buildGraphIndex } from "../../src/extract/graph-index.js";
import { listTree } from "../../src/extract/snapshot.js";
import { TreeFileRefusedError } from "../../src/extract/tree-file.js";
import { FIXTURES } from "../cli/harness.js";

let repo: SampleRepository | undefined;
let scratch: string | undefined;
afterEach(async () => {
  await repo?.dispose();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  repo = undefined;
  scratch = undefined;
});

/** The tree of `sha` written to disk as the CLI used to (read-tree + checkout-index, through a throw-away index). */
async function checkout(sha: string, name: string): Promise<string> {
  const repoDir = (repo as SampleRepository).dir;
  scratch ??= await mkdtemp(path.join(os.tmpdir(), "archreview-git-trees-"));
  const dir = path.join(scratch, name);
  const env = { GIT_INDEX_FILE: path.join(scratch, `index-${name}`) };
  for (const args of [["read-tree", sha], ["checkout-index", "--all", "--force", `--prefix=${dir}${path.sep}`]]) {
    const r = await runGit(args, { cwd: repoDir, env });
    if (r.code !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr}`);
  }
  return dir;
}

const RESOLUTION_FIXTURES = ["resolution-module-kinds", "resolution-monorepo", "resolution-paths-baseurl", "resolution-paths-no-baseurl", "resolution-pnpm", "resolution-known-differences"];

async function hostileRepo(): Promise<{ sha: string }> {
  repo = await SampleRepository.create(path.join(FIXTURES, "resolution-paths-baseurl"));
  await repo.write("src/real.ts", "import { x } from './linked';\nexport const y = x;\n");
  await repo.write("src/target.ts", "export const x = 1;\n");
  await symlink("target.ts", path.join(repo.dir, "src/linked.ts"));
  await symlink("/proc/self/environ", path.join(repo.dir, "environ.ts"));
  await symlink("../../outside.json", path.join(repo.dir, "src/up.json"));
  await symlink("missing.ts", path.join(repo.dir, "src/dangling.ts"));
  await symlink("src", path.join(repo.dir, "lib"));
  await repo.write("node_modules/pkg/package.json", '{ "name": "pkg", "main": "index.js" }\n');
  await repo.write("node_modules/pkg/index.js", "module.exports = 1;\n");
  await repo.write("src/uses-pkg.ts", "import p from 'pkg';\nimport { y } from '../lib/real';\nexport default [p, y];\n");
  const sha = await repo.commit("links");
  return { sha };
}

describe("a tree read from git objects", () => {
  it.each(RESOLUTION_FIXTURES)("lists and resolves %s as its checkout does", async (fixture) => {
    repo = await SampleRepository.create(path.join(FIXTURES, fixture));
    const sha = await repo.commit("fixture");
    const dir = await checkout(sha, "tree");
    const trees = await openTrees({ base: gitSide(repo.dir, sha, "base"), head: gitSide(repo.dir, sha, "head") });
    try {
      const [fromDisk, fromGit] = [await listTree(dir, []), await listTree(trees.head, [])];
      expect(fromGit).toEqual(fromDisk);
      const [diskGraph, gitGraph] = [await buildGraphIndex(dir, fromDisk), await buildGraphIndex(trees.head, fromGit)];
      expect(gitGraph.edges.length).toBeGreaterThan(0);
      expect(gitGraph).toEqual(diskGraph);
    } finally {
      await trees.close();
    }
  });

  it("refuses links out of the tree and broken links as the disk listing does, and follows links inside it", async () => {
    const { sha } = await hostileRepo();
    const dir = await checkout(sha, "tree");
    const dirOfRepo = (repo as SampleRepository).dir;
    const trees = await openTrees({ base: gitSide(dirOfRepo, sha, "base"), head: gitSide(dirOfRepo, sha, "head") });
    try {
      const [fromDisk, fromGit] = [await listTree(dir, []), await listTree(trees.head, [])];
      // On disk a link out of the tree whose target is missing on the host is "broken"; in git objects it leaves the tree whatever the host has.
      const hostIndependent = (t: typeof fromDisk) => ({ ...t, refused: t.refused.filter((r) => r.path !== "src/up.json").sort((a, b) => (a.path < b.path ? -1 : 1)) });
      expect(hostIndependent(fromGit)).toEqual(hostIndependent(fromDisk));
      expect(fromGit.refused).toEqual([
        { path: "environ.ts", reason: "link-outside" },
        { path: "src/dangling.ts", reason: "link-broken" },
        { path: "src/up.json", reason: "link-outside" },
      ]);
      expect(await buildGraphIndex(trees.head, fromGit)).toEqual(await buildGraphIndex(dir, fromDisk));
      expect((await trees.head.read("src/linked.ts", 1024))?.toString()).toBe("export const x = 1;\n");
      const refusal = await trees.head.read("environ.ts", 1024).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(TreeFileRefusedError);
      expect((refusal as TreeFileRefusedError).refusal).toEqual({ path: "environ.ts", reason: "link-outside" });
      expect(((await trees.head.read("src", 1024).catch((e: unknown) => e)) as TreeFileRefusedError).refusal.reason).toBe("not-regular");
      expect(((await trees.head.read("src/real.ts", 4).catch((e: unknown) => e)) as TreeFileRefusedError).refusal.reason).toBe("too-large");
      expect(await trees.head.read("src/none.ts", 1024)).toBeNull();
    } finally {
      await trees.close();
    }
  });
});

describe("what the resolve work reads from a tree of git objects", () => {
  it("elides type-only imports by the tsconfig's compiler options (tsPreCompilationDeps: false), read from the objects", async () => {
    repo = await SampleRepository.create();
    // verbatimModuleSyntax keeps a type-only-used import in the JavaScript: without the tsconfig's options it would be elided.
    await repo.write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "esnext", verbatimModuleSyntax: true } }));
    await repo.write("src/t.ts", "export interface T { a: number }\n");
    await repo.write("src/a.ts", 'import { T } from "./t";\nexport const x: T = { a: 1 };\n');
    await repo.write("src/b.ts", 'import { x } from "./a";\nexport const y = x;\n');
    const sha = await repo.commit("elision");
    const dir = await checkout(sha, "tree");
    const trees = await openTrees({ base: gitSide(repo.dir, sha, "base"), head: gitSide(repo.dir, sha, "head") });
    try {
      const fromGit = { ...(await listTree(trees.head, [])), tsPreCompilationDeps: false };
      const fromDisk = { ...(await listTree(dir, [])), tsPreCompilationDeps: false };
      const gitGraph = await buildGraphIndex(trees.head, fromGit);
      expect(gitGraph.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["src/a.ts>src/t.ts", "src/b.ts>src/a.ts"]);
      expect(gitGraph).toEqual(await buildGraphIndex(dir, fromDisk));
    } finally {
      await trees.close();
    }
  });
});

/** A review with stats.ms (a timing) left out: everything else must match byte for byte. */
const comparable = (review: Review): string => JSON.stringify({ ...review, stats: { ...review.stats, ms: 0 } });

describe("a review of git objects", () => {
  it("equals the review of the same trees on disk, through one cat-file process and no file written", async () => {
    repo = await SampleRepository.create(path.join(FIXTURES, "resolution-monorepo"));
    const base = await repo.commit("base");
    const sources = (await readdir(path.join(repo.dir, "packages"), { recursive: true })).filter((f) => String(f).endsWith(".ts"));
    const touched = path.join("packages", String(sources[0]));
    await repo.write(touched, "import './nowhere';\nexport const added = 1;\n");
    await repo.write("packages/extra.ts", `import '../${touched}';\n`);
    const head = await repo.commit("head");
    const git = new Git(repo.dir);
    const changes = await git.changes(base, head);
    const onDisk = await reviewTrees({ base: { sha: base, dir: await checkout(base, "base") }, head: { sha: head, dir: await checkout(head, "head") }, changes, today: "2026-12-04" });
    const started: string[][] = [];
    const counting: GitProcesses = { ...nodeGitProcesses, start: (args, cwd) => (started.push(args), nodeGitProcesses.start(args, cwd)) };
    const fromGit = await reviewTrees({ base: gitSide(repo.dir, base, "base"), head: gitSide(repo.dir, head, "head"), changes, today: "2026-12-04", gitProcesses: counting });
    expect(comparable(fromGit.review)).toBe(comparable(onDisk.review));
    expect(fromGit.review.stats.filesParsed).toBe(onDisk.review.stats.filesParsed);
    expect(started).toEqual([["cat-file", "--batch"]]);
  });

  it("computes the change list from the objects' contents when none is given, as on disk", async () => {
    repo = await SampleRepository.create(path.join(FIXTURES, "resolution-monorepo"));
    const base = await repo.commit("base");
    await repo.write("packages/extra.ts", "import './nowhere';\nexport const added = 1;\n");
    const head = await repo.commit("head");
    const onDisk = await reviewTrees({ base: { sha: base, dir: await checkout(base, "base") }, head: { sha: head, dir: await checkout(head, "head") }, today: "2026-12-04" });
    const fromGit = await reviewTrees({ base: gitSide(repo.dir, base, "base"), head: gitSide(repo.dir, head, "head"), today: "2026-12-04" });
    expect(fromGit.review.stats.modulesHead).toBe(fromGit.review.stats.modulesBase + 1);
    expect(fromGit.review.unresolved?.map((u) => u.file)).toEqual(["packages/extra.ts"]);
    expect(comparable(fromGit.review)).toBe(comparable(onDisk.review));
  });
});
