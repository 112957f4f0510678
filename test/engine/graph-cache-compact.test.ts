// Graphs are cached in the compact form (engine/graph-codec.ts) by graphIndexes, on disk as in any
// store: what a review reads back is the graph it built, and an entry in another form (the plain
// JSON of earlier versions, a damaged one) is a miss that rebuilds, never a wrong graph.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { DiskGraphCache, type GraphCache, type GraphCacheKey } from "../../src/engine/graph-cache.js";
import { decodeGraph } from "../../src/engine/graph-codec.js";
import { graphIndexes, type CacheContext } from "../../src/engine/graphs.js";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import type { GraphIndex, TreeFiles } from "../../src/extract/graph-index.js";
import { useWrittenTrees } from "../helpers/written-trees.js";

const trees = useWrittenTrees("archreview-compact-cache-");
const tree = trees.write;

const FILES = {
  "src/a.ts": 'import { b } from "./b";\nimport type { D } from "./d";\nimport _ from "lodash";\nexport const a = () => import("./c");\n',
  "src/b.ts": 'import { readFileSync } from "node:fs";\nimport "./missing";\nexport const b = 1;\n',
  "src/c.ts": "export const c = 1;\n",
  "src/d.ts": "export interface D { x: number }\n",
};

async function filesOf(dir: string): Promise<TreeFiles> {
  const allFiles = await listFiles(dir);
  return { allFiles, sourceFiles: allFiles.filter(isSourceFile) };
}

/** A store that remembers what it was handed, over a disk cache. */
function recording(dir: string): { store: GraphCache; handed: Map<string, unknown> } {
  const disk = new DiskGraphCache(dir);
  const handed = new Map<string, unknown>();
  const store: GraphCache = {
    get: (key) => disk.get(key),
    has: (key) => disk.has(key),
    set: async (key: GraphCacheKey, value) => {
      handed.set(key.sha, value);
      await disk.set(key, value);
    },
  };
  return { store, handed };
}

const withoutRead = ({ read: _read, ...graph }: GraphIndex): GraphIndex => graph;

async function review(root: string, cache: CacheContext) {
  const side = { sha: "base-sha", dir: root };
  return graphIndexes({ base: side, head: side }, { base: await filesOf(root), head: await filesOf(root) }, [], cache);
}

describe("graphIndexes with compact cache entries", () => {
  it("stores the compact form and reads back exactly the graph it built", async () => {
    const root = tree("one", FILES);
    const { store, handed } = recording(path.join(trees.work(), "cache-one"));
    const cache = { store, repository: "acme/shop", configHash: "c" };
    const built = await review(root, cache);
    expect(built.filesRead).toBe(4);
    const entry = handed.get("base-sha");
    expect(Array.isArray(entry)).toBe(true); // not the plain graph object
    expect(decodeGraph(entry)).toEqual(withoutRead(built.base));

    const cached = await review(root, cache);
    expect(cached.filesRead).toBe(0);
    expect(JSON.stringify(cached.base)).toBe(JSON.stringify(withoutRead(built.base)));
    expect(cached.base.edges).toContainEqual(expect.objectContaining({ from: "src/a.ts", to: "src/c.ts", dynamic: true, typeOnly: false }));
    expect(cached.base.edges).toContainEqual(expect.objectContaining({ from: "src/a.ts", to: "src/d.ts", dynamic: false, typeOnly: true }));
  });

  it("treats an entry in another form (earlier versions' plain JSON, damaged) as a miss and rebuilds it", async () => {
    const root = tree("two", FILES);
    const dir = path.join(trees.work(), "cache-two");
    const { store } = recording(dir);
    const cache = { store, repository: "acme/shop", configHash: "c" };
    const built = await review(root, cache);
    const [file] = readdirSync(dir).filter((n) => n.endsWith(".json"));
    const entryFile = path.join(dir, file as string);
    const compact = readFileSync(entryFile, "utf8");

    for (const foreign of [JSON.stringify(withoutRead(built.base)), compact.replace(/"\]$/, ' "]'), compact.replace("archreview-graph/", "archreview-graph/0")]) {
      writeFileSync(entryFile, foreign);
      const again = await review(root, cache);
      expect(again.filesRead).toBe(4); // rebuilt, not read
      expect(withoutRead(again.base)).toEqual(withoutRead(built.base));
      expect(readFileSync(entryFile, "utf8")).toBe(compact); // and stored again in the compact form
    }
  });
});
