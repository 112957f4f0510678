// Reading support files (the config, .adr-dir...) from git objects: a symbolic link blob is followed
// only to another blob of the same tree, as a checkout would; one out of the tree or a loop is refused.
import { symlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { gitSide, openTrees, readerOf, type OpenTrees } from "../../src/engine/index.js";
import { parseTreeListing } from "../../src/extract/git-objects.js";
import { linkTargetIn } from "../../src/extract/git-tree.js";
import { TreeFileRefusedError } from "../../src/extract/tree-file.js";

let repo: SampleRepository | undefined;
let trees: OpenTrees | undefined;
afterEach(async () => {
  await trees?.close();
  await repo?.dispose();
  repo = undefined;
  trees = undefined;
});

/** A reader of the committed tree's files, as the engine reads the config: from git objects. */
async function linkedRepo(): Promise<{ read: (file: string) => Promise<string | null> }> {
  repo = await SampleRepository.create();
  await repo.write("config/real.yml", "limits: { fileLines: 10 }\n");
  await symlink("real.yml", path.join(repo.dir, "config/inside.yml"));
  await symlink("config/inside.yml", path.join(repo.dir, "chained.yml"));
  await symlink("/proc/self/environ", path.join(repo.dir, "environ.yml"));
  await symlink("../../outside.yml", path.join(repo.dir, "config/up.yml"));
  await symlink("loop-b", path.join(repo.dir, "loop-a"));
  await symlink("loop-a", path.join(repo.dir, "loop-b"));
  const sha = await repo.commit("links");
  trees = await openTrees({ base: gitSide(repo.dir, sha, "base"), head: gitSide(repo.dir, sha, "head") });
  return { read: readerOf(trees.head) };
}

async function refusal(read: Promise<unknown>): Promise<unknown> {
  const error = await read.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof TreeFileRefusedError ? error.refusal : error;
}

describe("support files read from git objects", () => {
  it("follows links inside the tree, as a checkout would", async () => {
    const { read } = await linkedRepo();
    expect(await read("config/real.yml")).toBe("limits: { fileLines: 10 }\n");
    expect(await read("config/inside.yml")).toBe("limits: { fileLines: 10 }\n");
    expect(await read("chained.yml")).toBe("limits: { fileLines: 10 }\n");
    expect(await read("missing.yml")).toBeNull();
  });

  it("refuses a directory, links out of the tree and link loops, naming the path asked for", async () => {
    const { read } = await linkedRepo();
    expect(await refusal(read("config"))).toEqual({ path: "config", reason: "not-regular" });
    expect(await refusal(read("environ.yml"))).toEqual({ path: "environ.yml", reason: "link-outside" });
    expect(await refusal(read("config/up.yml"))).toEqual({ path: "config/up.yml", reason: "link-outside" });
    expect(await refusal(read("loop-a"))).toEqual({ path: "loop-a", reason: "link-broken" });
  });
});

describe("git tree parsing", () => {
  it("names the repo-relative target of a link, or null when it leaves the tree", () => {
    expect(linkTargetIn("a/b/link", "../c.yml")).toBe("a/c.yml");
    expect(linkTargetIn("a/link", "../../x")).toBeNull();
    expect(linkTargetIn("link", "/etc/passwd")).toBeNull();
    expect(linkTargetIn("link", ".")).toBeNull();
  });

  it("reads ls-tree -r -l -z entries with tabs and spaces in names", () => {
    const out = "100644 blob aaaa      12\ta b.yml\u0000120000 blob bbbb      18\tlink\tx\u0000040000 tree cccc       -\tdir\u0000";
    expect(parseTreeListing(Buffer.from(out))).toEqual(
      new Map([
        ["a b.yml", { mode: "100644", object: "aaaa", size: 12 }],
        ["link\tx", { mode: "120000", object: "bbbb", size: 18 }],
        ["dir", { mode: "040000", object: "cccc", size: 0 }],
      ]),
    );
  });
});
