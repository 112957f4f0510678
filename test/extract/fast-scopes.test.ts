// The fast resolver shares answers between directories (fast-resolve.ts, fast-fs.ts lookupScope)
// and answers stat/readlink from directory listings: on a tree built to break exactly that
// (per-directory package.json, node_modules symlinks, symlinked files and directories, a broken
// package.json) it must still find dependency-cruiser's edges, and its file system the real answers.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { SnapshotFileSystem } from "../../src/extract/fast-fs.js";
import { buildFastGraph } from "./fast-graph-build.js";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import { buildRawGraph } from "../../src/extract/depcruise-run.js";

const USES = 'import "../shared/util.js";\nimport "#shared/util";\nimport "foo";\n';

function writeTree(root: string): void {
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write("package.json", JSON.stringify({ name: "scopes", private: true, imports: { "#shared/*": "./shared/*.ts" } }));
  write("shared/util.ts", "export const util = 1;\n");
  write("shared/foo/index.ts", "export const foo = 1;\n");
  write("a/package.json", "{ broken"); // every resolution from a/ fails in enhanced-resolve
  write("a/x.ts", USES);
  write("b/package.json", JSON.stringify({ name: "b", imports: { "#shared/*": "./local/*.ts" } }));
  write("b/local/util.ts", "export const local = 1;\n");
  write("b/y.ts", USES);
  mkdirSync(path.join(root, "b/node_modules"));
  symlinkSync("../../shared/foo", path.join(root, "b/node_modules/foo")); // an installed workspace link
  write("c/z.ts", USES);
  write("c/relative-only.ts", 'import "../shared/util.js";\n'); // the same request as a/x.ts's first
  symlinkSync("shared", path.join(root, "link-dir"));
  write("d/w.ts", 'import "../link-dir/util.js";\n');
  mkdirSync(path.join(root, "e/package.json"), { recursive: true }); // a directory named package.json
  write("e/v.ts", USES);
  symlinkSync("shared/util.ts", path.join(root, "f-link.ts"));
  symlinkSync("nowhere.ts", path.join(root, "broken-link.ts"));
  write("f/u.ts", 'import "../f-link.js";\nimport "../broken-link";\nimport "../missing/deep/file.js";\n');
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "archreview-scopes-"));
  writeTree(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("lookup scopes and symlinks", () => {
  it("give dependency-cruiser's edges", async () => {
    const allFiles = await listFiles(root);
    const sourceFiles = allFiles.filter(isSourceFile);
    const raw = await buildRawGraph(root, { sourceFiles, allFiles, forbidden: [] });
    const fast = await buildFastGraph(root, { sourceFiles, allFiles });
    const arrows = (edges: { from: string; to: string }[]) => edges.map((e) => `${e.from} -> ${e.to}`);
    expect(arrows(fast.edges)).toEqual(arrows(raw.edges));
    expect(arrows(fast.edges)).toEqual([
      "b/y.ts -> b/local/util.ts", // b's own `imports`
      "b/y.ts -> shared/foo/index.ts", // through b/node_modules/foo, a symlink
      "b/y.ts -> shared/util.ts",
      "c/relative-only.ts -> shared/util.ts",
      "c/z.ts -> shared/util.ts", // the root `imports`; no node_modules, so no foo
      "d/w.ts -> shared/util.ts", // through a symlinked directory
      "e/v.ts -> shared/util.ts",
      "f/u.ts -> shared/util.ts", // through a symlinked file
    ]);
  });
});

describe("SnapshotFileSystem", () => {
  const probes = (): string[] =>
    ["shared/util.ts", "shared", "shared/nope.ts", "shared/util.ts/x", "link-dir", "link-dir/util.ts", "f-link.ts", "broken-link.ts", "b/node_modules/foo", "e/package.json", "a/package.json", "missing/deep/file.ts", ""].map((p) => path.join(root, p));
  const viaCallback = <T>(call: (cb: (err: NodeJS.ErrnoException | null, result?: T) => void) => void): { err: string | null; result?: T } => {
    let answer: { err: string | null; result?: T } | undefined;
    call((err, result) => (answer = err ? { err: err.code ?? "parse error" } : { err: null, result }));
    if (answer === undefined) throw new Error("the callback did not run synchronously");
    return answer;
  };
  const real = <T>(run: () => T): { err: string | null; result?: T } => {
    try {
      return { err: null, result: run() };
    } catch (error) {
      return { err: (error as NodeJS.ErrnoException).code ?? "parse error" };
    }
  };
  const kind = (s?: fs.Stats) => (s === undefined ? undefined : s.isFile() ? "file" : s.isDirectory() ? "directory" : "other");
  const missing = (code: string | null): string | null => (code === "ENOTDIR" ? "ENOENT" : code); // both mean "not there" to enhanced-resolve

  it("answers stat, readlink and readJson as the real file system does, synchronously", () => {
    const sfs = new SnapshotFileSystem();
    for (const p of probes()) {
      const stat = viaCallback<fs.Stats>((cb) => sfs.stat(p, cb));
      const realStat = real(() => fs.statSync(p));
      expect({ p, err: missing(stat.err), kind: kind(stat.result) }).toEqual({ p, err: missing(realStat.err), kind: kind(realStat.result) });
      const link = viaCallback<string>((cb) => sfs.readlink(p, cb));
      const realLink = real(() => fs.readlinkSync(p, "utf8"));
      expect({ p, link: link.result ?? null }).toEqual({ p, link: realLink.result ?? null });
      if (p.endsWith(".json")) expect(viaCallback((cb) => sfs.readJson(p, cb)).err).toBe(real(() => JSON.parse(fs.readFileSync(p, "utf8"))).err);
    }
  });

  it("tells lookup scopes apart by node_modules ancestors and package.json, not by directory", () => {
    const sfs = new SnapshotFileSystem();
    const scope = (dir: string, subpath = false) => sfs.lookupScope(path.join(root, dir), subpath);
    expect(scope("c")).toBe(scope("d")); // same root package.json, no node_modules
    expect(scope("b/local")).toBe(scope("b")); // b's node_modules applies below b
    expect(scope("b")).not.toBe(scope("c"));
    expect(scope("a")).not.toBe(scope("c")); // a broken package.json is its own scope
    expect(scope("e")).toBe(scope("c")); // a directory named package.json is no description file
    expect(scope("b", false)).toBe(scope("b/local", false));
    expect(scope("c", true)).not.toBe(scope("b/node_modules/foo", true)); // `#x` reads the nearest package.json itself
  });
});
