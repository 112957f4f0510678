// The change list built from the compare API and the cached base listing must be the one the
// tarball path computes from the two trees on disk (engine/tree-diff.ts), whatever the mix.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { changesBetweenTrees } from "../../../src/engine/tree-diff.js";
import { isSourceFile } from "../../../src/extract/files.js";
import { changedTrees, touchedEntries, type FetchedShas } from "../../../src/github/trees/changed-trees.js";
import type { ComparedFile } from "../../../src/pipeline/comparison.js";

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "archreview-changed-"));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

type Tree = Record<string, string>;
const sha = (text: string) => createHash("sha1").update(text).digest("hex");

function write(name: string, tree: Tree): { dir: string; files: string[] } {
  const dir = path.join(scratch, name);
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return { dir, files: Object.keys(tree).sort() };
}

/** Both ways: tree-diff over the trees on disk (`tooLarge` head files left out, as a tarball leaves them), changedTrees over the listing and the entries. */
async function bothWays(base: Tree, head: Tree, compared: ComparedFile[], tooLarge: string[] = []) {
  const written = Object.fromEntries(Object.entries(head).filter(([f]) => !tooLarge.includes(f)));
  const renames = new Map(compared.filter((f) => f.status === "renamed").map((f) => [f.filename, f.previous_filename as string]));
  const expected = await changesBetweenTrees(write("base", base), write("head", written), renames);
  const shas: FetchedShas = { head: new Map(), base: new Map() };
  for (const f of touchedEntries(compared)) {
    shas.head.set(f.filename, tooLarge.includes(f.filename) || head[f.filename] === undefined ? null : sha(head[f.filename] as string));
    for (const p of [f.filename, f.previous_filename]) if (p && base[p] !== undefined && isSourceFile(p)) shas.base.set(p, sha(base[p] as string));
  }
  const actual = changedTrees(Object.keys(base).sort(), compared, shas);
  return { expected, actual, listing: Object.keys(written).sort() };
}

const entry = (filename: string, status: ComparedFile["status"], content: string, previous?: string): ComparedFile => ({
  filename,
  status,
  sha: sha(content),
  ...(previous ? { previous_filename: previous } : {}),
});

describe("changedTrees", () => {
  it("adds, modifies, deletes and renames as the tarball path does", async () => {
    const base = { "a.ts": "a", "b.ts": "b", "c.ts": "c", "docs/x.md": "x", "old/name.ts": "keep me" };
    const head = { "a.ts": "a2", "b.ts": "b", "d.ts": "d", "docs/x.md": "x2", "new/name.ts": "keep me, edited" };
    const compared = [entry("a.ts", "modified", "a2"), entry("c.ts", "removed", "c"), entry("d.ts", "added", "d"), entry("docs/x.md", "modified", "x2"), entry("new/name.ts", "renamed", "keep me, edited", "old/name.ts")];
    const { expected, actual, listing } = await bothWays(base, head, compared);
    expect(actual.changes).toEqual(expected);
    expect(actual.head).toEqual(listing);
  });

  it("pairs a move GitHub reported as an addition and a removal, and ignores a mode-only change", async () => {
    const base = { "src/moved.ts": "same text", "src/mode.ts": "unchanged" };
    const head = { "lib/moved.ts": "same text", "src/mode.ts": "unchanged" };
    const compared = [entry("lib/moved.ts", "added", "same text"), entry("src/moved.ts", "removed", "same text"), entry("src/mode.ts", "modified", "unchanged")];
    const { expected, actual } = await bothWays(base, head, compared);
    expect(actual.changes).toEqual(expected);
    expect(actual.changes).toEqual([{ kind: "renamed", path: "lib/moved.ts", previousPath: "src/moved.ts" }]);
  });

  it("leaves out a head file over the size limit, and takes a renamed path's old name back when a new file has it", async () => {
    const base = { "big.ts": "small once", "a.ts": "a" };
    const head = { "big.ts": "now too large", "b.ts": "a, renamed", "a.ts": "a new file where a was" };
    const compared = [entry("big.ts", "modified", "now too large"), entry("b.ts", "renamed", "a, renamed", "a.ts"), entry("a.ts", "added", "a new file where a was")];
    const { expected, actual, listing } = await bothWays(base, head, compared, ["big.ts"]);
    expect(actual.changes).toEqual(expected);
    expect(actual.head).toEqual(listing);
  });

  it("lists a submodule (no head file) as tarballs do: not at all", () => {
    const compared: ComparedFile[] = [{ filename: "vendor/lib", status: "added", sha: "c".repeat(40) }];
    const shas: FetchedShas = { head: new Map([["vendor/lib", null]]), base: new Map() };
    expect(changedTrees(["a.ts"], compared, shas)).toEqual({ head: ["a.ts"], changes: [] });
  });
});
