// Every reader of the extractor goes through tree-file.ts: package.json, workspace files, tsconfig
// (and what it extends), enhanced-resolve's reads and source facts never follow a link out of the tree.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { SnapshotFileSystem } from "../../src/extract/fast-fs.js";
import { factsOf } from "../../src/extract/snapshot.js";
import { parseTsConfig } from "../../src/extract/tsconfig.js";
import { findWorkspacePackages } from "../../src/extract/workspaces.js";

let scratch: string;
let root: string;
const outside = (name: string): string => path.join(scratch, name);

beforeEach(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "archreview-readers-"));
  root = path.join(scratch, "tree");
  await mkdir(path.join(root, "packages/a/src"), { recursive: true });
  await writeFile(path.join(root, "packages/a/package.json"), JSON.stringify({ name: "@x/a", source: "src/index.ts" }));
  await writeFile(path.join(root, "packages/a/src/index.ts"), "export const a = 1;\n");
  // Outside the tree: a valid file, so only the link check can keep it from being used.
  await writeFile(outside("package.json"), JSON.stringify({ workspaces: ["packages/*"] }));
  await writeFile(outside("tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@x/*": ["packages/*"] } } }));
});
afterEach(async () => rm(scratch, { recursive: true, force: true }));

const files = ["package.json", "packages/a/package.json", "packages/a/src/index.ts"];

describe("workspaces", () => {
  it("reads a regular root package.json", async () => {
    await writeFile(path.join(root, "package.json"), JSON.stringify({ workspaces: ["packages/*"] }));
    expect((await findWorkspacePackages(root, files)).map((p) => p.name)).toEqual(["@x/a"]);
  });

  it("does not read a root package.json linked out of the tree, to /dev/zero or to a FIFO", async () => {
    execFileSync("mkfifo", [outside("fifo")]);
    for (const target of [outside("package.json"), "/dev/zero", outside("fifo")]) {
      await rm(path.join(root, "package.json"), { force: true });
      await symlink(target, path.join(root, "package.json"));
      expect(await findWorkspacePackages(root, files)).toEqual([]);
    }
  });
});

describe("tsconfig", () => {
  it("parses a tsconfig extending a file of the tree", async () => {
    await writeFile(path.join(root, "base.json"), JSON.stringify({ compilerOptions: { baseUrl: "." } }));
    await writeFile(path.join(root, "tsconfig.json"), JSON.stringify({ extends: "./base.json" }));
    expect(parseTsConfig(path.join(root, "tsconfig.json"), root)?.options.baseUrl).toBe(root);
  });

  it("gives up on a tsconfig that is, or extends, a link out of the tree, a device or a path outside", async () => {
    await symlink(outside("tsconfig.json"), path.join(root, "tsconfig.json"));
    expect(parseTsConfig(path.join(root, "tsconfig.json"), root)).toBeNull();
    await symlink(outside("tsconfig.json"), path.join(root, "linked-base.json"));
    // Each with paths of its own: a tsconfig used in part would hand its `extends` to tsconfig-paths, which reads it unchecked.
    for (const target of ["../../linked-base.json", "/dev/zero", "../../../tsconfig.json", "/proc/self/environ"]) {
      await writeFile(path.join(root, "packages/a/tsconfig.json"), JSON.stringify({ extends: target, compilerOptions: { baseUrl: ".", paths: { "~/*": ["src/*"] } } }));
      expect({ target, parsed: parseTsConfig(path.join(root, "packages/a/tsconfig.json"), root) }).toEqual({ target, parsed: null });
    }
  });
});

describe("enhanced-resolve's file system", () => {
  it("answers a package.json linked out of the tree as unreadable, without reading it", () => {
    execFileSync("ln", ["-s", "/dev/zero", path.join(root, "packages/a/package.json.zero")]);
    execFileSync("ln", ["-sf", outside("package.json"), path.join(root, "package.json")]);
    const sfs = new SnapshotFileSystem(true, root);
    let answer: { code?: string; value?: unknown } = {};
    sfs.readJson(path.join(root, "package.json"), (err, value) => (answer = err ? { code: err.code } : { value }));
    expect(answer).toEqual({ code: "EACCES" });
    sfs.readFile(path.join(root, "packages/a/package.json.zero"), (err) => (answer = { code: err?.code }));
    expect(answer).toEqual({ code: "EACCES" });
    sfs.readJson(path.join(root, "packages/a/package.json"), (err, value) => (answer = err ? { code: err.code } : { value }));
    expect(answer).toEqual({ value: { name: "@x/a", source: "src/index.ts" } });
  });
});

describe("source facts", () => {
  it("has no facts for a module that became a link out of the tree", async () => {
    await writeFile(outside("secret.ts"), "export function leaked() { return 1; }\n");
    await symlink(outside("secret.ts"), path.join(root, "packages/a/src/linked.ts"));
    const facts = await factsOf(root, new Set(["packages/a/src/index.ts", "packages/a/src/linked.ts"]), ["packages/a/src/index.ts", "packages/a/src/linked.ts"]);
    expect(Object.keys(facts)).toEqual(["packages/a/src/index.ts"]);
  });
});
