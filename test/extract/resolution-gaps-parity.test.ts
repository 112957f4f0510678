// Issue 15 gaps 4(a)-(c), each against dependency-cruiser's CLI on the same tree: tsconfig `paths`
// without a baseUrl, TypeScript's import elision under `tsPreCompilationDeps: false`, and imports
// of non-source files kept as the CLI keeps them.
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { depcruiseGraph, fastGraph, useScratchTrees } from "./depcruise-cli.js";

const tree = useScratchTrees();

const TS_ON = { options: { tsPreCompilationDeps: true } };

describe("tsconfig paths without a baseUrl (gap 4a)", () => {
  const files = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", paths: { "@app/*": ["./src/app/*"], "@lib": ["./src/lib/index.ts"] } } }),
    "src/app/a.ts": 'import { b } from "@app/b";\nimport { lib } from "@lib";\nexport const a = [b, lib];\n',
    "src/app/b.ts": 'import { lib } from "@lib";\nexport const b = lib;\n',
    "src/lib/index.ts": "export const lib = 1;\n",
  };

  it("resolve relative to the tsconfig, as the CLI run from the tree's root resolves them, whatever our working directory", async () => {
    const root = tree(files);
    expect(path.relative(process.cwd(), root).startsWith("..")).toBe(true); // we run elsewhere
    const ours = await fastGraph(root);
    const reference = depcruiseGraph(root, ["src"], TS_ON, ours.sources);
    expect(ours.edges).toEqual(reference.edges);
    expect(ours.external).toEqual(reference.external);
    expect(ours.edges).toEqual(["src/app/a.ts -> src/app/b.ts", "src/app/a.ts -> src/lib/index.ts", "src/app/b.ts -> src/lib/index.ts"]);
  }, 60_000);

  it("resolve relative to the extended tsconfig that declares them (TypeScript's pathsBasePath)", async () => {
    const root = tree({
      "config/tsconfig.base.json": JSON.stringify({ compilerOptions: { paths: { "@app/*": ["../src/app/*"], "@lib": ["../src/lib/index.ts"] } } }),
      "tsconfig.json": JSON.stringify({ extends: "./config/tsconfig.base.json", compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }),
      "src/app/a.ts": files["src/app/a.ts"],
      "src/app/b.ts": files["src/app/b.ts"],
      "src/lib/index.ts": files["src/lib/index.ts"],
    });
    const ours = await fastGraph(root);
    // dependency-cruiser resolves these against its working directory, not config/: TypeScript is the reference here.
    expect(ours.edges).toEqual(["src/app/a.ts -> src/app/b.ts", "src/app/a.ts -> src/lib/index.ts", "src/app/b.ts -> src/lib/index.ts"]);
    expect(ours.external).toEqual([]);
  }, 60_000);
});

describe("tsPreCompilationDeps: false (gap 4b)", () => {
  const files = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true } }),
    "src/main.ts": [
      'import { Shape } from "./types";', // used as a type only: elided
      'import type { Other } from "./other";', // type-only: elided
      'import { used, Unused } from "./values";', // one value binding used: kept
      'import { notUsed } from "./unused";', // never used: elided
      'import "./side-effect";', // side effect: kept
      'export { reexported } from "./reexport";', // re-export: kept
      'export type { OnlyType } from "./typeexport";', // type re-export: elided
      'import fs = require("node:fs");', // import-equals used as a value: kept
      'import typeOnlyEq = require("./eq");', // import-equals used as a type only: elided
      "export const lazy = () => import(\"./lazy\");", // dynamic: kept
      'export type Deep = import("./deep").Deep;', // import type: elided
      "export const s: Shape = { n: used, o: null as unknown as Other, fs, e: null as unknown as typeOnlyEq.T, u: null as unknown as Unused };",
      "",
    ].join("\n"),
    "src/types.ts": "export interface Shape { [k: string]: unknown }\n",
    "src/other.ts": "export type Other = number;\n",
    "src/values.ts": "export const used = 1;\nexport type Unused = string;\n",
    "src/unused.ts": "export const notUsed = 1;\n",
    "src/side-effect.ts": "export {};\n",
    "src/reexport.ts": "export const reexported = 1;\n",
    "src/typeexport.ts": "export type OnlyType = 1;\n",
    "src/eq.ts": "export type T = 1;\n",
    "src/lazy.ts": "export const lazy = 1;\n",
    "src/deep.ts": "export type Deep = 1;\n",
    "src/plain.js": 'import { used } from "./values.ts";\nexport const p = used;\n',
  };

  it("drops the imports TypeScript elides, as the CLI does", async () => {
    const root = tree(files);
    const ours = await fastGraph(root, { tsPreCompilationDeps: false });
    const reference = depcruiseGraph(root, ["src"], { options: { tsPreCompilationDeps: false } }, ours.sources);
    expect(ours.edges).toEqual(reference.edges);
    expect(ours.external).toEqual(reference.external);
    const fromMain = ours.edges.filter((e) => e.startsWith("src/main.ts")).map((e) => e.slice("src/main.ts -> src/".length));
    expect(fromMain).toEqual(["lazy.ts", "reexport.ts", "side-effect.ts", "values.ts"]);
  }, 60_000);

  it("keeps every import with archreview's default (true), as the CLI does with true", async () => {
    const root = tree(files);
    const ours = await fastGraph(root);
    const reference = depcruiseGraph(root, ["src"], TS_ON, ours.sources);
    expect(ours.edges).toEqual(reference.edges);
    expect(ours.edges.filter((e) => e.startsWith("src/main.ts"))).toHaveLength(10);
  }, 60_000);
});

describe("imports of non-source files (gap 4c), and what resolves to nothing", () => {
  it("are external imports with the CLI's resolved path and dependency types", async () => {
    const root = tree({
      "package.json": JSON.stringify({ name: "assets", version: "1.0.0" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", baseUrl: "src" } }),
      "src/ui/view.ts": [
        'import logo from "./logo.png";',
        'import sheetUrl from "./style.css?url";',
        'import data from "../data/table.json";',
        'import manifest from "../../package.json";',
        'import missing from "./absent.svg";',
        'import widget from "data/missing-widget";', // under the baseUrl, not a package
        "export const all = [logo, sheetUrl, data, manifest, missing, widget];",
        "",
      ].join("\n"),
      "src/ui/logo.png": "png",
      "src/ui/style.css": "a {}",
      "src/data/table.json": "{}",
    });
    const ours = await fastGraph(root);
    const reference = depcruiseGraph(root, ["src"], TS_ON, ours.sources);
    expect(ours.external).toEqual(reference.external);
    expect(ours.external).toEqual([
      "src/ui/view.ts | ./absent.svg | unknown | unresolved",
      "src/ui/view.ts | data/missing-widget | unknown | unresolved",
      "src/ui/view.ts | package.json | import,local",
      "src/ui/view.ts | src/data/table.json | import,local",
      "src/ui/view.ts | src/ui/logo.png | import,local",
      "src/ui/view.ts | src/ui/style.css | import,local",
    ]);
  }, 60_000);
});
