// A git tree's directory answers (git-tree.ts kindOf, entriesOf, realpath), read off its sorted paths
// with no index of every directory: names that sort around "/" ("a-b", "a.b", "a0" beside "a/"),
// nested and single-child directories, files, links to directories and files, missing paths and a
// submodule. The expected answers pass against the index-based version too.
import { symlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { openTrees, gitSide } from "../../src/engine/tree-sources.js";
import { runGit } from "../../src/git/git.js";
import type { TreeSource } from "../../src/extract/tree-source.js";

let repo: SampleRepository | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

const FILES = ["a", "a-b/x.ts", "a.b", "a0/y.ts", "b/c/d/e.ts", "b/c/f.ts", "b/g.ts", "b/h/i.ts", "b.ts", "c/only/deep/z.ts", "z/a.ts", "z/b/c.ts", "z/b-c.ts"];
const ASKED = ["", "a", "a-b", "a.b", "a0", "b", "b/c", "b/c/d", "b/h", "b/h/i.ts", "c", "c/only", "c/only/deep", "z", "z/b", "missing", "b/missing", "a/b", "linked", "linked/d", "link.ts", "sub", "sub/x"];

/** Worked out by hand from FILES and the two links (and equal to what the index of every directory gave, before). */
const EXPECTED = [
      ["", "directory", [["a", "file"], ["a-b", "directory"], ["a.b", "file"], ["a0", "directory"], ["b", "directory"], ["b.ts", "file"], ["c", "directory"], ["link.ts", "link"], ["linked", "link"], ["z", "directory"]], ""],
      ["a", "file", null, "/a"],
      ["a-b", "directory", [["x.ts", "file"]], "/a-b"],
      ["a.b", "file", null, "/a.b"],
      ["a0", "directory", [["y.ts", "file"]], "/a0"],
      ["b", "directory", [["c", "directory"], ["g.ts", "file"], ["h", "directory"]], "/b"],
      ["b/c", "directory", [["d", "directory"], ["f.ts", "file"]], "/b/c"],
      ["b/c/d", "directory", [["e.ts", "file"]], "/b/c/d"],
      ["b/h", "directory", [["i.ts", "file"]], "/b/h"],
      ["b/h/i.ts", "file", null, "/b/h/i.ts"],
      ["c", "directory", [["only", "directory"]], "/c"],
      ["c/only", "directory", [["deep", "directory"]], "/c/only"],
      ["c/only/deep", "directory", [["z.ts", "file"]], "/c/only/deep"],
      ["z", "directory", [["a.ts", "file"], ["b", "directory"], ["b-c.ts", "file"]], "/z"],
      ["z/b", "directory", [["c.ts", "file"]], "/z/b"],
      ["missing", null, null, null],
      ["b/missing", null, null, null],
      ["a/b", null, null, null],
      ["linked", "link", [["d", "directory"], ["f.ts", "file"]], "/b/c"],
      ["linked/d", "directory", [["e.ts", "file"]], "/b/c/d"],
      ["link.ts", "link", null, "/b.ts"],
      ["sub", null, null, null],
      ["sub/x", null, null, null],
];

function answers(tree: TreeSource): unknown[] {
  const view = tree.view;
  const at = (name: string): string => path.join(tree.root, name);
  return ASKED.map((name) => {
    const entries = view?.entriesOf(at(name));
    return [name, view?.kindOf(at(name)), entries ? [...entries].sort() : null, view?.realpath(at(name))?.slice(tree.root.length) ?? null];
  });
}

describe("a git tree's directory answers", () => {
  it("are what its paths say, names sorting around '/' and links included", async () => {
    repo = await SampleRepository.create();
    for (const file of FILES) await repo.write(file, `// ${file}\n`);
    await symlink("b/c", path.join(repo.dir, "linked"));
    await symlink("b.ts", path.join(repo.dir, "link.ts"));
    const sha = await repo.commit("tree");
    const trees = await openTrees({ base: gitSide(repo.dir, sha, "base"), head: gitSide(repo.dir, sha, "head") });
    try {
      // kindOf answers undefined for nothing there: JSON's null below.
      expect(JSON.parse(JSON.stringify(answers(trees.base)))).toEqual(EXPECTED);
    } finally {
      await trees.close();
    }
  });

  it("answer a submodule as an empty directory", async () => {
    repo = await SampleRepository.create();
    await repo.write("a.ts", "export {};\n");
    await repo.commit("first");
    const gitlink = (await runGit(["rev-parse", "HEAD"], { cwd: repo.dir })).stdout.toString().trim();
    await runGit(["update-index", "--add", "--cacheinfo", `160000,${gitlink},sub`], { cwd: repo.dir });
    const sha = (await runGit(["commit", "-q", "-m", "submodule"], { cwd: repo.dir }), (await runGit(["rev-parse", "HEAD"], { cwd: repo.dir })).stdout.toString().trim());
    const trees = await openTrees({ base: gitSide(repo.dir, sha, "base"), head: gitSide(repo.dir, sha, "head") });
    try {
      const view = trees.base.view;
      const at = (name: string): string => path.join(trees.base.root, name);
      expect([view?.kindOf(at("sub")), view?.entriesOf(at("sub")), view?.kindOf(at("sub/x")), view?.entriesOf(at("sub/x"))]).toEqual(["directory", new Map(), undefined, null]);
      expect(view?.entriesOf(at(""))).toEqual(new Map([["a.ts", "file"], ["sub", "directory"]]));
    } finally {
      await trees.close();
    }
  });
});
