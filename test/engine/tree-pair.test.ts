// Both trees of a review opened together (openTrees -> git-tree.ts gitTreePair: one listing parse
// for what they share, the head's file list derived from the base's) answer exactly as each tree
// opened on its own does: same listing, refusals, reads, directory answers and graph; and a support
// file both sides hold is asked of `git cat-file` once.
import { symlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { gitSide, openTrees } from "../../src/engine/tree-sources.js";
import { BlobStream, nodeGitProcesses, type GitProcesses } from "../../src/extract/git-objects.js";
import { gitTree } from "../../src/extract/git-tree.js";
import { buildGraphIndex } from "../../src/extract/graph-index.js";
import { listTree } from "../../src/extract/snapshot.js";
import type { TreeSource } from "../../src/extract/tree-source.js";
import { FIXTURES } from "../cli/harness.js";

let repo: SampleRepository | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

/** The tree `sha` opened alone, through its own cat-file. */
async function alone<T>(sha: string, side: "base" | "head", use: (tree: TreeSource) => Promise<T>): Promise<T> {
  const dir = (repo as SampleRepository).dir;
  const blobs = new BlobStream(dir, nodeGitProcesses);
  try {
    return await use(await gitTree({ repo: dir, sha, root: gitSide(dir, sha, side).dir, blobs, processes: nodeGitProcesses }));
  } finally {
    await blobs.close();
  }
}

/** What a reader of the tree sees: its listing, graph, some reads and directory answers. */
async function observed(tree: TreeSource): Promise<unknown> {
  const listed = await listTree(tree, []);
  const outcome = (p: Promise<Buffer | null>): Promise<string> => p.then((b) => (b === null ? "missing" : b.toString()), (e: unknown) => `refused ${String((e as { refusal?: { reason: string } }).refusal?.reason)}`);
  const names = ["package.json", "tsconfig.json", "src", "sr", "src/a.ts", "src/b.ts", "src/new/c.ts", "lib", "lib/a.ts", "link.ts", "gone.ts", "node_modules/pkg/index.js", ""];
  const reads = await Promise.all(names.map((n) => outcome(tree.read(n, 1 << 20))));
  const view = tree.view;
  const at = (n: string): string => path.join(tree.root, n);
  const answers = names.map((n) => [view?.kindOf(at(n)), view?.entriesOf(at(n)) ? [...(view.entriesOf(at(n)) as Map<string, string>)] : null, view?.realpath(at(n))?.slice(tree.root.length)]);
  return { listed, reads, answers, graph: await buildGraphIndex(tree, listed) };
}

async function expectSameAsAlone(base: string, head: string): Promise<void> {
  const dir = (repo as SampleRepository).dir;
  const trees = await openTrees({ base: gitSide(dir, base, "base"), head: gitSide(dir, head, "head") });
  try {
    expect(await observed(trees.base)).toEqual(await alone(base, "base", observed));
    expect(await observed(trees.head)).toEqual(await alone(head, "head", observed));
  } finally {
    await trees.close();
  }
}

async function baseCommit(): Promise<string> {
  repo = await SampleRepository.create(path.join(FIXTURES, "resolution-paths-baseurl"));
  await repo.write("src/a.ts", "import { b } from './b';\nexport const a = b;\n");
  await repo.write("src/b.ts", "export const b = 1;\n");
  await repo.write("gone.ts", "export {};\n");
  await repo.write("package.json", '{ "name": "pair", "private": true }\n');
  await symlink("src", path.join(repo.dir, "lib"));
  await symlink("gone.ts", path.join(repo.dir, "link.ts"));
  return repo.commit("base");
}

describe("a review's two trees opened together", () => {
  it("answer as each opened alone, when the head modifies, adds and removes files and breaks a link", async () => {
    const base = await baseCommit();
    const r = repo as SampleRepository;
    await r.write("src/b.ts", "import './new/c';\nexport const b = 2;\n");
    await r.write("src/new/c.ts", "export const c = 3;\n");
    await r.remove("gone.ts");
    const head = await r.commit("head");
    await expectSameAsAlone(base, head);
    // The other way round: the link is mended, the files come back.
    await expectSameAsAlone(head, base);
  });

  it("answer as each opened alone, when the head adds a skipped directory (its listing is then made in full)", async () => {
    const base = await baseCommit();
    const r = repo as SampleRepository;
    await r.write("node_modules/pkg/package.json", '{ "name": "pkg", "main": "index.js" }\n');
    await r.write("node_modules/pkg/index.js", "module.exports = 1;\n");
    await r.write("src/a.ts", "import p from 'pkg';\nexport const a = p;\n");
    const head = await r.commit("head");
    await expectSameAsAlone(base, head);
    await expectSameAsAlone(head, base);
  });

  it("answer as each opened alone when both are one commit", async () => {
    const base = await baseCommit();
    await expectSameAsAlone(base, base);
  });

  it("ask git for a support file both sides hold once, and for each side's own version of a changed one", async () => {
    const base = await baseCommit();
    const r = repo as SampleRepository;
    await r.write("src/b.ts", "export const b = 2;\n");
    await r.write("tsconfig.json", '{ "compilerOptions": { "baseUrl": "src" } }\n');
    const head = await r.commit("head");
    const asked: string[] = [];
    const recording: GitProcesses = {
      ...nodeGitProcesses,
      start: (args, cwd) => {
        const started = nodeGitProcesses.start(args, cwd);
        const write = started.stdin.write.bind(started.stdin) as (chunk: string) => boolean;
        started.stdin.write = ((chunk: string) => (asked.push(...String(chunk).split("\n").filter(Boolean)), write(chunk))) as typeof started.stdin.write;
        return started;
      },
    };
    const object = async (sha: string, file: string): Promise<string> => (await nodeGitProcesses.run(["rev-parse", `${sha}:${file}`], r.dir)).toString().trim();
    const trees = await openTrees({ base: gitSide(r.dir, base, "base"), head: gitSide(r.dir, head, "head") }, recording);
    try {
      const [pkg, baseTsconfig, headTsconfig] = await Promise.all([object(base, "package.json"), object(base, "tsconfig.json"), object(head, "tsconfig.json")]);
      expect(await object(head, "package.json")).toBe(pkg);
      expect(asked.filter((o) => o === pkg)).toHaveLength(1);
      expect(asked.filter((o) => o === baseTsconfig)).toHaveLength(1);
      expect(asked.filter((o) => o === headTsconfig)).toHaveLength(1);
      expect((await trees.head.read("tsconfig.json", 1024))?.toString()).toContain('"baseUrl": "src"');
      expect((await trees.base.read("tsconfig.json", 1024))?.toString()).toContain('"baseUrl": "."');
    } finally {
      await trees.close();
    }
  });
});
