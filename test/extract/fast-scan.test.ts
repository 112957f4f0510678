// The fast import scan must report what analyzeSource's full parse reports: same specifier,
// line, typeOnly and kind, in the same order, on hand-written snippets and on real files.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { isSourceFile } from "../../src/extract/files.js";
import { scanImportSites, scanImports } from "../../src/extract/fast-scan.js";
import { analyzeSource } from "../../src/extract/source-facts.js";

const parsed = (text: string, file = "a.ts") => analyzeSource(text, file).imports;
const scanned = (text: string, file = "a.ts") => scanImports(text, file);
const brief = (text: string) => scanImportSites(text).map((s) => `${s.line} ${s.kind} ${s.specifier}${s.typeOnly ? " (type)" : ""}${s.nested ? " (nested)" : ""}`);

const SNIPPETS: Record<string, string> = {
  everyKind: [
    'import a from "./a";',
    'import "./side-effect";',
    'import type { T } from "./types";',
    'import { type A, type B } from "./all-types";',
    'import { type C, D } from "./mixed";',
    'import E, { type F } from "./default-and-type";',
    'import {} from "./empty";',
    'export { x } from "./reexport";',
    'export type { Y } from "./reexport-type";',
    'export * from "./star";',
    'export { type Z } from "./reexport-elements";',
    'import fs = require("node:fs");',
    'import type Legacy = require("./legacy");',
    "const lazy = () => import(",
    '  "./lazy");',
    'let t: import("./type-query").T;',
    'let u: typeof import("./type-of");',
    "function f() { if (x) { return require(`./tpl`); } }",
    "require(dynamicName); import(`./${x}`);",
    'require("./a");',
  ].join("\n"),
  bindings: [
    'import * as ns from "./ns";',
    'import type * as tns from "./tns";',
    'import d, * as both from "./both";',
    'import type from "./default-named-type";',
    'import type, { q } from "./type-and-q";',
    'import { type as } from "./type-only-as";',
    'import { type as as renamed } from "./type-only-as-renamed";',
    'import { type as renamedType } from "./binding-named-type";',
    'import { type default as Def, type "quoted" as Q } from "./type-default-and-string";',
    'import { a, } from "./trailing-comma";',
    'import json from "./data.json" with { type: "json" };',
    'export * as reexported from "./ns-reexport";',
    'export type * from "./star-types";',
    'export type * as typeNs from "./ns-types";',
    'export import eq = require("./export-import-equals");',
    'export { default } from "./default";',
    'export { type default as D2, e } from "./mixed-elements";',
  ].join("\n"),
  dynamicOrType: [
    'const a = await import("./awaited");',
    'import("./then").then((m) => m.x);',
    'import("./catch").catch(() => null);',
    'type Named = import("./named").Named;',
    'type Generic = import("./generic").Box<string>;',
    'type Def = import("./default-type").default;',
    'const loaders = { page: () => import("./page"), other: cond ? import("./yes") : import("./no") };',
    'function g(p: import("./param").P): import("./ret").R { return p as import("./cast").R; }',
    'const withOptions = import("./with-options", { with: { type: "json" } });',
    'const meta = import.meta.url;',
  ].join("\n"),
  notReferences: [
    'x.require("./member-call"); x?.require("./optional-member"); new require("./new-call");',
    'require("./a" + suffix); require(`./${name}`); import(name);',
    "import alias = Namespace.Member;",
    "export = something;",
    "export default value; export const c = 1; export { local };",
    "const module = { exports: {} }; module.exports = 1;",
    "const s = 'import x from \"./in-string\"'; // import y from \"./in-comment\"",
    '/* require("./in-block-comment") */ const t = `import z from "./in-template"`;',
    'declare module "./augmented-module" { interface I {} }',
    'declare module "ambient-shorthand";',
    'import last from "./the-only-reference";',
  ].join("\n"),
  lexicalTraps: [
    'const r = /"/; import a from "./after-regex-with-quote";',
    'const s = path.replace(/\\/\\*/g, ""); const q = require("./after-regex-with-comment-start");',
    'const half = total / 2 / count; import("./after-divisions");',
    'if (ok) return /`/.test(s) ? require("./after-regex-with-backtick") : null;',
    'const t = `${a}${`inner ${require("./in-template-hole")}`}` + `${ {k: 1}.k }`; import b from "./after-templates";',
    'const obj = { import: 1, require: 2, export: 3 }; obj.import; import c from "./after-keyword-properties";',
  ].join("\n"),
  nestedBlocks: [
    'import "./top";',
    'declare module "./augmented" {',
    '  import { X } from "./inside-declare-module";',
    '  export * from "./reexport-inside-declare-module";',
    "}",
    "declare global { interface Window { x: import(\"./global-type\").X } }",
    'namespace Outer.Inner { export import y = require("./inside-namespace"); }',
    'export * as after from "./after-blocks";',
  ].join("\n"),
};

describe("scanImports agrees with analyzeSource", () => {
  it.each(Object.entries(SNIPPETS))("on %s", (_name, text) => {
    expect(parsed(text).length).toBeGreaterThan(0);
    expect(scanned(text)).toEqual(parsed(text));
  });

  it("on JSX with quotes, slashes and braces in its text", () => {
    const text = [
      'import React, { lazy } from "react";',
      'import type { Props } from "./props";',
      "export const C = (p: Props) => (",
      "  <div className={`a ${p.b}/c`} onClick={() => import(\"./on-click\")}>",
      '    Don\'t "quote" me // or /* that */ <br /> <Item key={p.id} /> {p.items.map((i) => <li>{i}</li>)}',
      "  </div>",
      ");",
      'const Page = lazy(() => import("./page"));',
      'export { Other } from "./other";',
    ].join("\n");
    expect(scanned(text, "c.tsx")).toEqual(parsed(text, "c.tsx"));
    expect(scanned(text, "c.tsx").map((s) => s.specifier)).toEqual(["react", "./props", "./on-click", "./page", "./other"]);
  });

  it("on lines ended by CRLF, lone CR and U+2028, after a BOM and a shebang", () => {
    const text = '\uFEFF#!/usr/bin/env node\r\nimport a from "./a";\r\rconst b = require("./b");\u2028export * from "./c";\n';
    expect(scanned(text)).toEqual(parsed(text));
    expect(scanned(text).map((s) => s.line)).toEqual([2, 4, 5]);
  });

  it("on every source file of this repository's src/ and test/fixtures/", () => {
    const files = [...walk("src"), ...walk("test/fixtures")].filter(isSourceFile);
    expect(files.length).toBeGreaterThan(100);
    let sites = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const expected = parsed(text, file);
      const actual = scanImportSites(text).filter((s) => s.directive === null);
      sites += expected.length;
      expect({ file, imports: actual.map(({ specifier, line, typeOnly, kind }) => ({ specifier, line, typeOnly, kind })) }).toEqual({ file, imports: expected });
    }
    expect(sites).toBeGreaterThan(300);
  });
});

describe("what scanImports adds for the graph", () => {
  it("marks declarations inside namespaces and `declare module` bodies as nested", () => {
    expect(brief(SNIPPETS.nestedBlocks as string)).toEqual([
      "1 import ./top",
      "3 import ./inside-declare-module (nested)",
      "4 export ./reexport-inside-declare-module (nested)",
      "6 import-type ./global-type (type)", // not a declaration: dependency-cruiser walks into blocks for these
      "7 import-equals ./inside-namespace (nested)",
      "8 export ./after-blocks",
    ]);
  });

  it("includes /// <reference path|types> directives (dependency-cruiser counts them), which analyzeSource does not", () => {
    const text = ['/// <reference path="./globals.d.ts" />', '///<reference types="node"/>', '/// <reference lib="es2022" />', 'import a from "./a";', '/// <reference path="./not-leading.d.ts" />'].join("\n");
    expect(parsed(text).map((s) => s.specifier)).toEqual(["./a"]);
    expect(brief(text)).toEqual(["1 import-type ./globals.d.ts (type)", "2 import-type node (type)", "4 import ./a"]);
    expect(scanImportSites(text).map((s) => s.directive)).toEqual(["path", "types", null]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : walk(full);
    return [full];
  });
}
