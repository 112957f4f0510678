// One graph, two views: with `markCompiled` every import is kept (archreview's own rules count
// type-only imports) and what TypeScript elides is marked, so that dependency-cruiser's default
// `tsPreCompilationDeps: false` view is the graph an eliding build gives, built or derived.
import { describe, expect, it } from "@jest/globals";
import type { CompiledEdge, CompiledExternal } from "../../src/core/depcruise-modules.js";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import { buildGraphIndex, deriveGraphIndex, type GraphIndex, type TreeFiles } from "../../src/extract/graph-index.js";
import { useWrittenTrees } from "../helpers/written-trees.js";

const FILES: Record<string, string> = {
  "tsconfig.json": '{ "compilerOptions": { "module": "commonjs", "baseUrl": ".", "paths": { "@src/*": ["src/*"] } } }\n',
  "src/db.ts": "export class Db { q = 1 }\nexport const connect = (): number => 1;\n",
  // used as a type only: elided; a value use of the same target through an alias: kept
  "src/model.ts": 'import { Db } from "./db";\nimport { connect } from "@src/db";\nexport interface Model { db: Db }\nexport const n = connect();\n',
  // `import type`: gone; `import x = require()` used as a value: a require in the output
  "src/service.ts": 'import type { Model } from "./model";\nimport db = require("./db");\nexport const s: Model | null = null;\nexport const c = db.connect();\n',
  // an external import used as a type only, and one used as a value
  "src/io.ts": 'import { Stats } from "node:fs";\nimport { join } from "node:path";\nexport let st: Stats | undefined;\nexport const p = join("a", "b");\n',
  "src/plain.js": 'const db = require("./db");\nmodule.exports = db;\n',
};

const { write: writeTree } = useWrittenTrees("archreview-compiled-view-");

async function treeOf(root: string, extra: Partial<TreeFiles>): Promise<TreeFiles> {
  const allFiles = await listFiles(root);
  return { allFiles, sourceFiles: allFiles.filter(isSourceFile), ...extra };
}

/** dependency-cruiser's `tsPreCompilationDeps: false` view of a marked index (core/depcruise-modules.ts reads it the same way). */
function compiledView(index: GraphIndex): { edges: unknown[]; external: unknown[] } {
  const view = <T extends { typeOnly: boolean; compiled?: object | null }>(item: T): Omit<T, "compiled">[] => {
    if (item.compiled === null) return [];
    const { compiled, ...rest } = item;
    const seen = compiled === undefined ? rest : { ...rest, ...compiled };
    return seen.typeOnly ? [] : [seen];
  };
  return { edges: (index.edges as CompiledEdge[]).flatMap(view), external: ((index.external ?? []) as CompiledExternal[]).flatMap(view) };
}

const withoutCompiled = <T extends object>(items: T[]): T[] => items.map((i) => Object.fromEntries(Object.entries(i).filter(([k]) => k !== "compiled")) as T);

describe("a graph with both views (markCompiled)", () => {
  it("keeps every import for archreview and gives dependency-cruiser the eliding build's edges", async () => {
    const root = writeTree("one", FILES);
    const plain = await buildGraphIndex(root, await treeOf(root, {}));
    const marked = await buildGraphIndex(root, await treeOf(root, { markCompiled: true }));
    const elided = await buildGraphIndex(root, await treeOf(root, { tsPreCompilationDeps: false }));
    // archreview's view: the plain graph's edges and external imports.
    expect(withoutCompiled(marked.edges)).toEqual(plain.edges);
    expect(withoutCompiled(marked.external ?? [])).toEqual(plain.external);
    expect(marked.marked).toBe(true);
    // dependency-cruiser's view: what the eliding build has.
    expect(compiledView(marked)).toEqual({ edges: elided.edges, external: elided.external });
    // Not the same graph: the type-only uses are gone from that view.
    expect(plain.edges.map((e) => `${e.from}>${e.to}`)).toContain("src/service.ts>src/model.ts");
    expect(elided.edges.map((e) => `${e.from}>${e.to}`)).not.toContain("src/service.ts>src/model.ts");
    expect(elided.edges.find((e) => e.from === "src/service.ts" && e.to === "src/db.ts")?.kinds).toContain("require");
    expect((elided.external ?? []).map((x) => x.specifier)).toEqual(["node:path"]);
  });

  it("derives the same marked graph as a full build, and rebuilds an index read the other way", async () => {
    const base = writeTree("base", FILES);
    const head = writeTree("head", { ...FILES, "src/model.ts": 'import { Db } from "./db";\nexport interface Model { db: Db }\n', "src/extra.ts": 'import { Model } from "./model";\nexport let m: Model | undefined;\n' });
    const changes = [
      { kind: "modified" as const, path: "src/model.ts" },
      { kind: "added" as const, path: "src/extra.ts" },
    ];
    const headTree = await treeOf(head, { markCompiled: true });
    const derived = await deriveGraphIndex(await buildGraphIndex(base, await treeOf(base, { markCompiled: true })), head, headTree, changes);
    const full = await buildGraphIndex(head, headTree);
    expect({ edges: derived.edges, external: derived.external, sites: derived.sites }).toEqual({ edges: full.edges, external: full.external, sites: full.sites });
    expect(derived.read).toBe(2);
    // An unmarked index cannot be completed into a marked one: read in full.
    const fromPlain = await deriveGraphIndex(await buildGraphIndex(base, await treeOf(base, {})), head, headTree, changes);
    expect(fromPlain.read).toBe(headTree.sourceFiles.length);
    expect(fromPlain.edges).toEqual(full.edges);
  });

  it("reads exotic requires only with the strings, and rebuilds an index read with other strings", async () => {
    const base = writeTree("exotic-base", { ...FILES, "src/lazy.js": 'const want = require;\nmodule.exports = want("./db");\n' });
    const head = writeTree("exotic-head", { ...FILES, "src/lazy.js": 'const want = require;\nmodule.exports = want("./plain");\n' });
    const changes = [{ kind: "modified" as const, path: "src/lazy.js" }];
    const headTree = await treeOf(head, { exoticRequireStrings: ["want"] });
    const full = await buildGraphIndex(head, headTree);
    expect(full.edges.find((e) => e.from === "src/lazy.js")).toMatchObject({ to: "src/plain.js", kinds: ["local", "exotic-require"], exoticRequire: "want" });
    expect((await buildGraphIndex(head, await treeOf(head, {}))).edges.filter((e) => e.from === "src/lazy.js")).toEqual([]);
    const derived = await deriveGraphIndex(await buildGraphIndex(base, await treeOf(base, { exoticRequireStrings: ["want"] })), head, headTree, changes);
    expect({ edges: derived.edges, read: derived.read }).toEqual({ edges: full.edges, read: 1 });
    const fromOther = await deriveGraphIndex(await buildGraphIndex(base, await treeOf(base, {})), head, headTree, changes);
    expect({ edges: fromOther.edges, read: fromOther.read }).toEqual({ edges: full.edges, read: headTree.sourceFiles.length });
  });
});
