// The graph cache's store policy (engine/graphs.ts worthStoring): which entries exist after which
// reviews, and that the graphs a review sees are the same whether or not a head was stored.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { FileChange } from "../../src/core/model.js";
import { DiskGraphCache, type GraphCache, type GraphCacheKey } from "../../src/engine/graph-cache.js";
import { DERIVED_HEAD_STORE_SHARE, graphIndexes, worthStoring, type CacheContext } from "../../src/engine/graphs.js";
import { listFiles, isSourceFile } from "../../src/extract/files.js";
import type { GraphIndex, TreeFiles } from "../../src/extract/graph-index.js";

const MODULES = 40;
let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-store-policy-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(root: string, file: string, text: string): void {
  mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** A tree of MODULES modules in a chain (m1 imports m0...), plus an alias and a package import. */
function baseTree(name: string): string {
  const dir = path.join(work, name);
  write(dir, "tsconfig.json", JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@src/*": ["src/*"] } } }));
  for (let i = 0; i < MODULES; i++) {
    const imports = i === 0 ? 'import _ from "lodash";\n' : `import { v${i - 1} } from "${i % 3 === 0 ? `@src/m${i - 1}` : `./m${i - 1}`}";\n`;
    write(dir, `src/m${i}.ts`, `${imports}export const v${i} = ${i};\n`);
  }
  return dir;
}

/** A copy of `base` with `count` modules rewritten to import m0 too. */
function headTree(base: string, name: string, count: number): { dir: string; changes: FileChange[] } {
  const dir = path.join(work, name);
  cpSync(base, dir, { recursive: true });
  const changes: FileChange[] = [];
  for (let i = 1; i <= count; i++) {
    write(dir, `src/m${i}.ts`, `import { v${i - 1} } from "./m${i - 1}";\nimport { v0 } from "./m0";\nexport const v${i} = v0 + ${i};\n`);
    changes.push({ kind: "modified", path: `src/m${i}.ts` });
  }
  return { dir, changes };
}

async function filesOf(dir: string): Promise<TreeFiles> {
  const allFiles = await listFiles(dir);
  return { allFiles, sourceFiles: allFiles.filter(isSourceFile) };
}

/** A disk cache that also records the shas written to it. */
function recordingCache(dir: string): { store: GraphCache; written: string[] } {
  const disk = new DiskGraphCache(dir);
  const written: string[] = [];
  const store: GraphCache = {
    get: (key) => disk.get(key),
    has: (key) => disk.has(key),
    set: async (key: GraphCacheKey, value) => {
      written.push(key.sha);
      await disk.set(key, value);
    },
  };
  return { store, written };
}

const comparable = ({ read: _read, ...graph }: GraphIndex): GraphIndex => graph;

async function review(base: string, head: string, changes: FileChange[], cache: CacheContext | null) {
  const sides = { base: { sha: `sha-${path.basename(base)}`, dir: base }, head: { sha: `sha-${path.basename(head)}`, dir: head } };
  const graphs = await graphIndexes(sides, { base: await filesOf(base), head: await filesOf(head) }, changes, cache);
  return { base: comparable(graphs.base), head: comparable(graphs.head), filesRead: graphs.filesRead };
}

describe("worthStoring", () => {
  it("stores bases always, heads built in full, and derived heads only past the share of modules read", () => {
    const threshold = Math.ceil(1000 * DERIVED_HEAD_STORE_SHARE);
    expect(worthStoring("base", { derivedFrom: "head", read: 0 }, 1000)).toBe(true);
    expect(worthStoring("base", "built", 1000)).toBe(true);
    expect(worthStoring("head", "built", 1000)).toBe(true);
    expect(worthStoring("head", { derivedFrom: "base", read: threshold - 1 }, 1000)).toBe(false);
    expect(worthStoring("head", { derivedFrom: "base", read: threshold }, 1000)).toBe(true);
    expect(worthStoring("base", "cached", 1000)).toBe(false);
    expect(worthStoring("head", "cached", 1000)).toBe(false);
  });
});

describe("graphIndexes store policy", () => {
  it("a cold review stores both sides; a small-change head derived from the cached base is not stored, and a re-run derives it again alike", async () => {
    const base = baseTree("b1");
    const first = headTree(base, "h1-cold", 2);
    const small = headTree(base, "h1-small", 1);
    const { store, written } = recordingCache(path.join(work, "cache-1"));
    const cache = { store, repository: "acme/shop", configHash: "c" };

    const cold = await review(base, first.dir, first.changes, cache);
    expect(written.sort()).toEqual(["sha-b1", "sha-h1-cold"]); // head built in full, base derived from it
    written.length = 0;

    const warm = await review(base, small.dir, small.changes, cache);
    expect(written).toEqual([]); // 1 of 40 modules read: below the share
    expect(warm.filesRead).toBe(1);
    expect(await store.has({ repository: "acme/shop", sha: "sha-h1-small", configHash: "c" })).toBe(false);
    const rerun = await review(base, small.dir, small.changes, cache);
    expect(rerun.filesRead).toBe(1); // derived again from the cached base
    expect(written).toEqual([]);

    const uncached = await review(base, small.dir, small.changes, null);
    expect(warm).toEqual({ ...uncached, filesRead: 1 });
    expect(rerun).toEqual(warm);
    expect(cold.base).toEqual(uncached.base);
    // The review saw a change: the rewritten module imports m0 at head.
    expect(warm.head.edges).toContainEqual(expect.objectContaining({ from: "src/m1.ts", to: "src/m0.ts" }));
  });

  it("stores a derived head that read at least the share of modules, and a head whose derive fell back to a full build", async () => {
    const base = baseTree("b2");
    const many = headTree(base, "h2-many", Math.ceil(MODULES * DERIVED_HEAD_STORE_SHARE));
    const retuned = headTree(base, "h2-tsconfig", 1);
    write(retuned.dir, "tsconfig.json", JSON.stringify({ compilerOptions: { baseUrl: "." } }));
    retuned.changes.push({ kind: "modified", path: "tsconfig.json" });
    const { store, written } = recordingCache(path.join(work, "cache-2"));
    const cache = { store, repository: "acme/shop", configHash: "c" };
    await review(base, base, [], cache); // seeds the base alone, as `--base B --head B` does
    expect(written).toEqual(["sha-b2"]);
    written.length = 0;

    const derived = await review(base, many.dir, many.changes, cache);
    expect(written).toEqual(["sha-h2-many"]);
    const again = await review(base, many.dir, many.changes, cache);
    expect(again.filesRead).toBe(0); // both from the cache now
    expect(again).toEqual({ ...derived, filesRead: 0 });
    expect(derived).toEqual({ ...(await review(base, many.dir, many.changes, null)), filesRead: derived.filesRead });
    written.length = 0;

    const rebuilt = await review(base, retuned.dir, retuned.changes, cache);
    expect(rebuilt.filesRead).toBe(MODULES);
    expect(written).toEqual(["sha-h2-tsconfig"]);
    expect(rebuilt).toEqual({ ...(await review(base, retuned.dir, retuned.changes, null)), filesRead: rebuilt.filesRead });
  });

  it("a stacked PR whose base is an unstored small-change head builds that head's graph and stores both", async () => {
    const base = baseTree("b3");
    const lower = headTree(base, "h3-lower", 1);
    const upper = headTree(lower.dir, "h3-upper", 1);
    const { store, written } = recordingCache(path.join(work, "cache-3"));
    const cache = { store, repository: "acme/shop", configHash: "c" };
    await review(base, base, [], cache);
    await review(base, lower.dir, lower.changes, cache);
    written.length = 0;

    const stacked = await review(lower.dir, upper.dir, upper.changes, cache);
    // The cost of the policy: the upper head in full, once (and its one changed file again for the base).
    expect(stacked.filesRead).toBe(MODULES + 1);
    expect(written.sort()).toEqual(["sha-h3-lower", "sha-h3-upper"]);
    expect(stacked).toEqual({ ...(await review(lower.dir, upper.dir, upper.changes, null)), filesRead: MODULES + 1 });
  });
});
