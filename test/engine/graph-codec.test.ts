// The compact form of cached graphs (engine/graph-codec.ts): a graph decodes to exactly what the
// plain JSON entry gave (same keys, same order, optional keys present or absent alike), and
// anything that is not an intact entry of this format decodes to null (a cache miss).
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "@jest/globals";
import { ESCAPE, STREAM_OFFSET } from "../../src/engine/graph-codec-format.js";
import { decodeGraph, encodeGraph, type EncodedGraph } from "../../src/engine/graph-codec.js";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import { buildGraphIndex, type GraphIndex, type TreeFiles } from "../../src/extract/graph-index.js";
import { seededRandom } from "../helpers/seeded-random.js";
import { useWrittenTrees } from "../helpers/written-trees.js";

/** A number of the stream as its character. */
const code = (n: number): string => String.fromCharCode(n + STREAM_OFFSET);

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "fixtures");

const { write: writeTree } = useWrittenTrees("archreview-graph-codec-");

async function built(root: string, extra: Partial<TreeFiles> = {}): Promise<GraphIndex> {
  const allFiles = await listFiles(root);
  const { read: _read, ...graph } = await buildGraphIndex(root, { allFiles, sourceFiles: allFiles.filter(isSourceFile), ...extra });
  return graph;
}

/** Through the codec and through JSON, as a cache entry travels. */
const roundTrip = (graph: GraphIndex): GraphIndex | null => decodeGraph(JSON.parse(JSON.stringify(encodeGraph(graph))));

/** What the plain JSON entry of earlier versions gave back: the reference the decoded graph must equal. */
function expectSameAsPlainJson(graph: GraphIndex): void {
  const decoded = roundTrip(graph);
  expect(decoded).not.toBeNull();
  expect(JSON.stringify(decoded)).toBe(JSON.stringify(graph)); // key order included
  const plain: unknown = JSON.parse(JSON.stringify(graph));
  expect(decoded).toEqual(plain);
  // Undefined vs absent and prototypes included (node's check: jest's toStrictEqual compares an own `constructor` key by identity).
  expect(isDeepStrictEqual(decoded, plain)).toBe(true);
}

// Every kind of import the scanner records: type-only, dynamic, require, export, import-equals,
// `/// <reference>` directives (path and types), aliases, packages, built-ins, unresolvable, non-ASCII paths.
// (Nested sites never reach a graph, fast-graph.ts drops them: the hand-made case has one.)
const VARIED: Record<string, string> = {
  "tsconfig.json": '{ "compilerOptions": { "module": "commonjs", "baseUrl": ".", "paths": { "@src/*": ["src/*"] } } }\n',
  "package.json": '{ "name": "varied", "dependencies": { "lodash": "4" } }\n',
  "src/db.ts": "export class Db { q = 1 }\nexport const connect = (): number => 1;\n",
  "src/model.ts": '/// <reference path="./globals.d.ts" />\n/// <reference types="node" />\nimport { Db } from "./db";\nimport { connect } from "@src/db";\nexport interface Model { db: Db }\nexport const n = connect();\n',
  "src/globals.d.ts": "declare const VERSION: string;\n",
  "src/service.ts": 'import type { Model } from "./model";\nimport db = require("./db");\nexport const s: Model | null = null;\nexport const c = db.connect();\nexport const later = () => import("./only-lazy");\nexport const pkg = () => import("lodash");\n',
  "src/only-lazy.ts": "export const lazy = 1;\n",
  "src/io.ts": 'import { Stats } from "node:fs";\nimport { join } from "node:path";\nimport _ from "lodash";\nimport "./absent-helper";\nexport let st: Stats | undefined;\nexport const p = join("a", "b") + _.VERSION;\n',
  "src/ünïcode/名前.ts": 'export * from "../db";\ndeclare module "x" { import { Db } from "../db"; }\n',
  "src/plain.js": 'const db = require("./db");\nmodule.exports = db;\n',
  "src/lazy.js": 'const want = require;\nmodule.exports = want("./plain");\n',
  "README.md": "not a module\n",
};

describe("graph codec round trip", () => {
  it.each(["resolution-module-kinds", "resolution-monorepo", "resolution-paths-baseurl", "resolution-pnpm", "resolution-known-differences", "init-workspaces"])(
    "gives back the graph of fixture %s exactly",
    async (fixture) => {
      const graph = await built(path.join(FIXTURES, fixture));
      expect(graph.edges.length + (graph.external ?? []).length).toBeGreaterThan(0);
      expectSameAsPlainJson(graph);
    },
  );

  it("gives back every kind of site, edge and external, in each graph shape (plain, marked, elided, exotic)", async () => {
    const root = writeTree("varied", VARIED);
    const shapes: Partial<TreeFiles>[] = [{}, { markCompiled: true }, { tsPreCompilationDeps: false }, { exoticRequireStrings: ["want"], markCompiled: true }];
    const graphs = await Promise.all(shapes.map((s) => built(root, s)));
    const all = graphs.flatMap((g) => [...Object.values(g.sites).flat(), ...g.edges, ...(g.external ?? [])]) as unknown as Record<string, unknown>[];
    // The cases the encoding must keep apart are really there.
    const present = (test: (x: Record<string, unknown>) => boolean): boolean => all.some(test);
    const cases = {
      directivePath: present((x) => x.directive === "path"),
      directiveTypes: present((x) => x.directive === "types"),
      noDirective: present((x) => x.directive === null),
      dynamic: present((x) => x.dynamic === true),
      typeOnly: present((x) => x.typeOnly === true),
      elidedInOutput: present((x) => x.compiled === null),
      changedInOutput: present((x) => typeof x.compiled === "object" && x.compiled !== null),
      unchangedInOutput: present((x) => "from" in x && !("compiled" in x)),
      exoticRequire: present((x) => "exoticRequire" in x),
      unresolvable: present((x) => x.couldNotResolve === true),
    };
    expect(cases).toEqual(Object.fromEntries(Object.keys(cases).map((k) => [k, true])));
    expect(graphs[2]?.elided).toBe(true);
    for (const graph of graphs) expectSameAsPlainJson(graph);
  });

  it("gives back hand-made values the scanner does not produce today: nulls, absent keys, other key orders, odd keys", () => {
    const graph = {
      exoticRequireStrings: ["want"],
      files: ["a.ts", "b.ts", "__proto__", "constructor"],
      modules: ["a.ts"],
      sites: { "a.ts": [{ specifier: "./b", line: 1, typeOnly: false, kind: "import", nested: false, directive: null, compiled: null }, { line: 2, specifier: "x", kind: "require", typeOnly: true, nested: true, directive: "types", exotic: "want" }], __proto__: [], "2": [], constructor: [] },
      edges: [{ from: "a.ts", to: "b.ts", line: null, specifier: "./b", typeOnly: true, dynamic: true, kinds: [] }],
      external: [
        { from: "a.ts", specifier: "x", line: 3, resolved: null, dependencyTypes: ["unknown"], coreModule: false, couldNotResolve: true, dynamic: false, typeOnly: false, compiled: { specifier: "x", line: 3 } },
        { from: "a.ts", specifier: "y", line: -1.5, resolved: "y", dependencyTypes: [], coreModule: true, couldNotResolve: false, dynamic: false, typeOnly: false, extra: [1, "two", null, { three: 3 }], gone: undefined, nan: Number.NaN },
      ],
      marked: true,
    } as unknown as GraphIndex;
    // `__proto__` as a key of the sites, as JSON.parse makes it: an own property, not the prototype.
    Object.defineProperty(graph.sites, "__proto__", { value: [], enumerable: true, writable: true, configurable: true });
    expectSameAsPlainJson(graph);
    const decoded = roundTrip(graph) as GraphIndex;
    expect(Object.getPrototypeOf(decoded.sites)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded.external?.[1] as object, "gone")).toBe(false);
    // Paths are shared, not copied: one string per path (what saves the memory).
    expect(decoded.edges[0]?.from).toBe(decoded.modules[0]);
  });

  it("gives back objects of many keys (records: the sites of many modules), odd keys and varied values included", () => {
    const sites: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) sites[i % 7 === 0 ? `${i}` : `src/m${i}.ts`] = i % 3 === 0 ? [] : [{ specifier: `./m${i + 1}`, typeOnly: i % 2 === 0, kind: "import", nested: false, directive: null, line: i }];
    for (const odd of ["__proto__", "constructor", "hasOwnProperty", ""]) Object.defineProperty(sites, odd, { value: [{ specifier: odd, line: null }], enumerable: true, writable: true, configurable: true });
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, [i, "s", true, null, { n: i }, ["a"], [], { deep: { deeper: [1, [2]] } }][i % 8]]));
    const graph = { files: ["src/m1.ts"], modules: ["src/m1.ts"], sites, edges: [{ from: "src/m1.ts", to: "src/m2.ts", line: 1, specifier: "./m2", typeOnly: false, dynamic: false, kinds: ["local", "import"], extra: wide }], external: [] } as unknown as GraphIndex;
    expectSameAsPlainJson(graph);
    expect(Object.getPrototypeOf((roundTrip(graph) as GraphIndex).sites)).toBe(Object.prototype);
  });

  it("gives back a graph of more strings than one character can number (escaped stream numbers)", () => {
    const files = Array.from({ length: ESCAPE + 1000 }, (_, i) => `src/f${i}.ts`);
    const last = files[files.length - 1] as string;
    const graph = { files, modules: [last], sites: { [last]: [] }, edges: [{ from: last, to: files[ESCAPE] as string, line: 70000, specifier: "./x", typeOnly: false, dynamic: false, kinds: ["local"] }], external: [] };
    expect(encodeGraph(graph)[4]).toContain(String.fromCharCode(ESCAPE));
    expectSameAsPlainJson(graph);
  });

  it("gives back empty graphs, with and without their optional keys", () => {
    expectSameAsPlainJson({ files: [], modules: [], sites: {}, edges: [], external: [] });
    expectSameAsPlainJson({ files: [], modules: [], sites: {}, edges: [] });
    expectSameAsPlainJson({ files: ["README.md"], modules: ["a.ts"], sites: { "a.ts": [] }, edges: [], external: [], elided: true, exoticRequireStrings: [] });
  });

  it("is smaller than the plain JSON: each string once, keys once per shape", async () => {
    const graph = await built(writeTree("size", Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`src/deep/folder/m${i}.ts`, `import { v } from "./m${(i + 1) % 60}";\nexport const v = 1;\n`]))));
    expect(JSON.stringify(encodeGraph(graph)).length * 3).toBeLessThan(JSON.stringify(graph).length);
  });
});

describe("graph codec: what is not an intact entry is a miss", () => {
  let entry: EncodedGraph;
  beforeAll(async () => {
    entry = JSON.parse(JSON.stringify(encodeGraph(await built(writeTree("damaged", VARIED), { markCompiled: true })))) as EncodedGraph;
  });
  const copy = (): EncodedGraph => JSON.parse(JSON.stringify(entry)) as EncodedGraph;

  it("decodes the intact entry", () => {
    expect(decodeGraph(copy())).not.toBeNull();
  });

  it("is null for foreign values: the plain JSON graph of earlier versions, other versions, other types", async () => {
    const plain = await built(writeTree("foreign", VARIED));
    const otherVersion = copy();
    otherVersion[0] = "archreview-graph/1";
    for (const foreign of [plain, JSON.parse(JSON.stringify(plain)), otherVersion, null, 0, "x", [], {}, { violations: [] }, entry.slice(0, 4), [...entry, 1]]) {
      expect(decodeGraph(foreign)).toBeNull();
    }
  });

  it("is null for a damaged table, shape or stream", () => {
    const cases: ((e: EncodedGraph) => void)[] = [
      (e) => (e[1] = [1, 2] as unknown as string[]), // strings that are not strings
      (e) => e[1].splice(e[1].length - 1), // a string missing: some index points past the table
      (e) => ((e[2][0] as number[])[1] = 99), // a kind that does not exist
      (e) => (e[2][0] as number[]).push(0), // a shape of odd length
      (e) => ((e[2][0] as number[])[2] = (e[2][0] as number[])[0] as number), // a key twice in one shape
      (e) => (e[2] = {} as unknown as number[][]),
      (e) => (e[4] = e[4].slice(0, -1)), // truncated
      (e) => (e[4] = e[4].slice(0, -3)), // the last entries of the sites (a record) cut off
      (e) => (e[4] += code(0)), // something left over
      (e) => (e[4] = code(e[2].length) + e[4].slice(1)), // a shape that does not exist
      (e) => (e[4] = `${e[4].slice(0, -1)}${String.fromCharCode(ESCAPE)}`), // an escape cut off
      (e) => (e[4] = [...e[4]].map((c) => String.fromCharCode(c.charCodeAt(0) - 32)).join("")), // below the offset: not numbers
      (e) => (e[4] = [...e[4]].map((c) => String.fromCharCode(c.charCodeAt(0) + 200)).join("")), // indices past the tables
      (e) => (e[3] = e[3].map((v) => (typeof v === "number" ? String(v) : v))), // a line that is not a number
      (e) => (e[4] = [...e[4]] as unknown as string), // a stream that is not a string
    ];
    for (const damage of cases) {
      const damaged = copy();
      damage(damaged);
      expect(decodeGraph(damaged)).toBeNull();
    }
  });

  it("is null for a record (many keys) holding a key twice", () => {
    const sites = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`m${i}.ts`, []]));
    const encoded = encodeGraph({ files: [], modules: [], sites, edges: [] });
    expect(decodeGraph(encoded)).not.toBeNull();
    const [first, second] = [encoded[1].indexOf("m0.ts"), encoded[1].indexOf("m1.ts")];
    const at = encoded[4].indexOf(code(first) + code(4) + code(0) + code(second)) + 3;
    expect(at).toBeGreaterThan(3); // [m0, kind Texts, length 0, m1, ...]: the stream as the format says
    encoded[4] = encoded[4].slice(0, at) + code(first) + encoded[4].slice(at + 1);
    expect(decodeGraph(encoded)).toBeNull();
  });

  it("never throws whatever one character of the stream becomes, and a decoded result is still a graph", () => {
    const rnd = seededRandom(9);
    const stream = entry[4];
    for (let i = 0; i < 400; i++) {
      const damaged = copy();
      const at = Math.floor(rnd() * stream.length);
      const n = [0, 1, 2, 31, 32, 33, ESCAPE, 0xffff, stream.length, Math.floor(rnd() * 80)][Math.floor(rnd() * 10)] as number;
      damaged[4] = stream.slice(0, at) + String.fromCharCode(n) + stream.slice(at + 1);
      const decoded = decodeGraph(damaged);
      if (decoded !== null) expect([Array.isArray(decoded.files), Array.isArray(decoded.edges), typeof decoded.sites]).toEqual([true, true, "object"]);
    }
  });
});
