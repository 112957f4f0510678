// Reading files from git objects: a symbolic link blob is followed only to another blob of the same tree.
import { existsSync, lstatSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { Git, linkTarget, parseLsTree } from "../../src/cli/git.js";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { TreeFileRefusedError } from "../../src/extract/tree-file.js";

let repo: SampleRepository | undefined;
let scratch: string | undefined;
afterEach(async () => {
  await repo?.dispose();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  repo = undefined;
  scratch = undefined;
});

async function linkedRepo(): Promise<{ git: Git; sha: string }> {
  repo = await SampleRepository.create();
  await repo.write("config/real.yml", "limits: { fileLines: 10 }\n");
  await symlink("real.yml", path.join(repo.dir, "config/inside.yml"));
  await symlink("config/inside.yml", path.join(repo.dir, "chained.yml"));
  await symlink("/proc/self/environ", path.join(repo.dir, "environ.yml"));
  await symlink("../../outside.yml", path.join(repo.dir, "config/up.yml"));
  await symlink("loop-b", path.join(repo.dir, "loop-a"));
  await symlink("loop-a", path.join(repo.dir, "loop-b"));
  const sha = await repo.commit("links");
  return { git: new Git(repo.dir), sha };
}

async function refusal(read: Promise<unknown>): Promise<unknown> {
  const error = await read.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof TreeFileRefusedError ? error.refusal : error;
}

describe("Git.show", () => {
  it("follows links inside the tree, as a checkout would", async () => {
    const { git, sha } = await linkedRepo();
    expect(await git.show(sha, "config/real.yml")).toBe("limits: { fileLines: 10 }\n");
    expect(await git.show(sha, "config/inside.yml")).toBe("limits: { fileLines: 10 }\n");
    expect(await git.show(sha, "chained.yml")).toBe("limits: { fileLines: 10 }\n");
    expect(await git.show(sha, "missing.yml")).toBeNull();
    expect(await git.show(sha, "config")).toBeNull(); // a directory is no file
  });

  it("refuses links out of the tree and link loops, naming the path asked for", async () => {
    const { git, sha } = await linkedRepo();
    expect(await refusal(git.show(sha, "environ.yml"))).toEqual({ path: "environ.yml", reason: "link-outside" });
    expect(await refusal(git.show(sha, "config/up.yml"))).toEqual({ path: "config/up.yml", reason: "link-outside" });
    expect(await refusal(git.show(sha, "loop-a"))).toEqual({ path: "loop-a", reason: "link-broken" });
  });

  it("writes only regular files when materialising a few files", async () => {
    const { git, sha } = await linkedRepo();
    scratch = await mkdtemp(path.join(os.tmpdir(), "archreview-sparse-"));
    await git.materializeFiles(sha, scratch, ["config/real.yml", "environ.yml", "config/inside.yml", "missing.yml"]);
    expect(lstatSync(path.join(scratch, "config/real.yml")).isFile()).toBe(true);
    expect(existsSync(path.join(scratch, "environ.yml"))).toBe(false);
    expect(existsSync(path.join(scratch, "config/inside.yml"))).toBe(false);
  });
});

describe("git tree parsing", () => {
  it("names the repo-relative target of a link, or null when it leaves the tree", () => {
    expect(linkTarget("a/b/link", "../c.yml")).toBe("a/c.yml");
    expect(linkTarget("a/link", "../../x")).toBeNull();
    expect(linkTarget("link", "/etc/passwd")).toBeNull();
    expect(linkTarget("link", ".")).toBeNull();
  });

  it("reads ls-tree -l -z entries with tabs and spaces in names", () => {
    const out = "100644 blob aaaa      12\ta b.yml\u0000120000 blob bbbb      18\tlink\tx\u0000040000 tree cccc       -\tdir\u0000";
    expect(parseLsTree(out)).toEqual(
      new Map([
        ["a b.yml", { mode: "100644", object: "aaaa", size: 12 }],
        ["link\tx", { mode: "120000", object: "bbbb", size: 18 }],
        ["dir", { mode: "040000", object: "cccc", size: 0 }],
      ]),
    );
  });
});
