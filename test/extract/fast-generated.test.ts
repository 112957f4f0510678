// Parity with dependency-cruiser on a generated monorepo: 4 workspace packages, ~400 modules,
// tsconfig aliases (one package with its own tsconfig), workspace imports, type-only imports,
// re-exports, require, dynamic import(), unresolvable imports and import cycles.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { buildFastGraph } from "./fast-graph-build.js";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import { buildRawGraph } from "../../src/extract/depcruise-run.js";
import { seededRandom } from "../helpers/seeded-random.js";

const PACKAGES = 4;
const MODULES_PER_PACKAGE = 100;

/** mulberry32: a small seeded PRNG, so the tree is the same on every run. */
/** Integers below n from the seeded generator. */
function prng(seed: number): (n: number) => number {
  const next = seededRandom(seed);
  return (n) => Math.floor(next() * n);
}

/** Module i's extension: mostly .ts, with every other kind the scanner and resolver must handle. */
function extensionOf(i: number): string {
  if (i === 0) return ".ts"; // index
  if (i % 20 === 7) return ".mts";
  if (i % 20 === 13) return ".cts";
  if (i % 25 === 3) return ".tsx";
  if (i % 30 === 11) return ".js";
  return ".ts";
}

const JS_STYLE: Record<string, string> = { ".ts": ".js", ".tsx": ".js", ".mts": ".mjs", ".cts": ".cjs", ".js": ".js" };
const fileOf = (p: number, i: number): string => `packages/p${p}/src/${i === 0 ? "index" : `m${i}`}${extensionOf(i)}`;

/** The specifier package `from` uses for module i of package `to`, in one of the supported styles. */
function specifierFor(rand: (n: number) => number, from: number, to: number, i: number): string {
  const name = i === 0 ? "index" : `m${i}`;
  const ext = rand(2) === 0 ? "" : (JS_STYLE[extensionOf(i)] as string);
  if (from === to) return rand(3) === 0 && from !== 3 ? `@p${to}/${name}${ext}` : `./${name}${ext}`;
  if (i === 0) return `@gen/p${to}`; // workspace alias to the package entry
  if (from === 3) return to === 0 ? `@p0/${name}${ext}` : `@gen/p${to}/src/${name}${ext}`; // p3 has its own paths
  return rand(2) === 0 ? `@p${to}/${name}${ext}` : `@gen/p${to}/src/${name}${ext}`;
}

function moduleText(rand: (n: number) => number, p: number, i: number): string {
  const ext = extensionOf(i);
  const lines: string[] = [];
  const targets = Array.from({ length: 1 + rand(4) }, () => {
    const to = rand(4) === 0 ? rand(PACKAGES) : p;
    return [to, rand(MODULES_PER_PACKAGE)] as const;
  });
  // A cycle in every tenth module: i -> i+1 -> i.
  if (i % 10 === 4) targets.push([p, i + 1]);
  if (i % 10 === 5) targets.push([p, i - 1]);
  targets.forEach(([to, j], n) => {
    const spec = specifierFor(rand, p, to, j);
    if (ext === ".js" || ext === ".cts") lines.push(ext === ".js" ? `const r${n} = require("${spec}");` : `import r${n} = require("${spec}");`);
    else if (n % 4 === 1) lines.push(`import type * as t${n} from "${spec}";`);
    else if (n % 4 === 2) lines.push(`export const lazy${n} = () => import("${spec}");`);
    else if (n % 4 === 3) lines.push(`import { type T as T${n}, v as v${n} } from "${spec}";`);
    else lines.push(`import * as m${n} from "${spec}";`);
  });
  if (rand(8) === 0) lines.push(`import missing from "./missing-${i}.js";`, 'import { readFileSync } from "node:fs";');
  if (ext === ".tsx") lines.push(`export const View = () => <p>It's {${JSON.stringify(`m${i}`)}}</p>;`);
  if (ext === ".js" || ext === ".cts") lines.push("module.exports = { v: 1 };");
  else lines.push("export const v = 1;", "export type T = number;");
  return `${lines.join("\n")}\n`;
}

function writeTree(root: string): void {
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const paths = Object.fromEntries(Array.from({ length: PACKAGES }, (_, p) => [`@p${p}/*`, [`packages/p${p}/src/*`]]));
  write("package.json", JSON.stringify({ name: "gen", private: true, workspaces: ["packages/*"] }));
  write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "NodeNext", baseUrl: ".", paths } }));
  // p3's own tsconfig: @p0 through a relative path, and no @p1..@p3 (it uses the workspace names).
  write("packages/p3/tsconfig.json", JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@p0/*": ["../p0/src/*"] } } }));
  for (let p = 0; p < PACKAGES; p++) {
    write(`packages/p${p}/package.json`, JSON.stringify({ name: `@gen/p${p}`, main: "dist/index.js" }));
    const rand = prng(1000 + p);
    const index = Array.from({ length: 5 }, (_, k) => `export * as e${k} from "./m${k + 1}${JS_STYLE[extensionOf(k + 1)]}";`);
    write(fileOf(p, 0), `${index.join("\n")}\n`);
    for (let i = 1; i < MODULES_PER_PACKAGE; i++) write(fileOf(p, i), moduleText(rand, p, i));
  }
}

describe("buildFastGraph on a generated monorepo", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "archreview-fast-"));
    writeTree(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("has dependency-cruiser's edges, type-only and dynamic flags", async () => {
    const allFiles = await listFiles(root);
    const sourceFiles = allFiles.filter(isSourceFile);
    expect(sourceFiles).toHaveLength(PACKAGES * MODULES_PER_PACKAGE);
    const raw = await buildRawGraph(root, { sourceFiles, allFiles, forbidden: [] });
    const fast = await buildFastGraph(root, { sourceFiles, allFiles });
    const describeEdge = (e: { from: string; to: string; typeOnly: boolean; dynamic: boolean }): string =>
      `${e.from} -> ${e.to}${e.typeOnly ? " type-only" : ""}${e.dynamic ? " dynamic" : ""}`;
    expect(fast.edges.map(describeEdge)).toEqual(raw.edges.map(describeEdge));
    // The tree exercises what it claims to: cross-package aliases, type-only and dynamic edges, cycles.
    expect(fast.edges.length).toBeGreaterThan(800);
    expect(fast.edges.filter((e) => e.typeOnly).length).toBeGreaterThan(50);
    expect(fast.edges.filter((e) => e.dynamic).length).toBeGreaterThan(50);
    // Workspace imports: dependency-cruiser's CLI gives them no alias type here (test/extract/workspace-kinds-parity.test.ts).
    expect(fast.edges.filter((e) => e.specifier.startsWith("@gen/")).length).toBeGreaterThan(50);
    expect(fast.edges.filter((e) => e.kinds.includes("aliased-tsconfig-paths")).length).toBeGreaterThan(50);
    const edgeSet = new Set(fast.edges.map((e) => `${e.from} ${e.to}`));
    expect(edgeSet.has(`${fileOf(0, 4)} ${fileOf(0, 5)}`) && edgeSet.has(`${fileOf(0, 5)} ${fileOf(0, 4)}`)).toBe(true);
  });
});
