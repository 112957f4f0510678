// Module references with their lines: the lines end up as review comments on the PR diff.
import { describe, it, expect } from "@jest/globals";
import { analyzeSource, importLinesBySpecifier } from "../../src/extract/source-facts.js";
import type { ImportSite } from "../../src/extract/source-facts.js";

const sites = (text: string, file = "a.ts") =>
  analyzeSource(text, file).imports.map((s) => `${s.line} ${s.kind} ${s.specifier}${s.typeOnly ? " (type)" : ""}`);

describe("import sites", () => {
  it("finds every kind with its line and type-only flag", () => {
    const text = [
      'import a from "./a";', // 1
      'import "./side-effect";',
      'import type { T } from "./types";',
      'import { type A, type B } from "./all-types";',
      'import { type C, D } from "./mixed";', // 5
      'import E, { type F } from "./default-and-type";',
      'import {} from "./empty";',
      'export { x } from "./reexport";',
      'export type { Y } from "./reexport-type";',
      'export * from "./star";', // 10
      'export { type Z } from "./reexport-elements";',
      'import fs = require("node:fs");',
      'import type Legacy = require("./legacy");',
      "const lazy = () => import(",
      '  "./lazy");', // 15: the specifier's line, not the call's
      'let t: import("./type-query").T;',
      'let u: typeof import("./type-of");',
      "function f() { if (x) { return require(`./tpl`); } }",
      'require(dynamicName); import(`./${x}`);', // not literal: no site
      'require("./a");', // 20: duplicates are kept
    ].join("\n");
    expect(sites(text)).toEqual([
      "1 import ./a",
      "2 import ./side-effect",
      "3 import ./types (type)",
      "4 import ./all-types (type)",
      "5 import ./mixed",
      "6 import ./default-and-type",
      "7 import ./empty",
      "8 export ./reexport",
      "9 export ./reexport-type (type)",
      "10 export ./star",
      "11 export ./reexport-elements (type)",
      "12 import-equals node:fs",
      "13 import-equals ./legacy (type)",
      "15 dynamic-import ./lazy",
      "16 import-type ./type-query (type)",
      "17 import-type ./type-of (type)",
      "18 require ./tpl",
      "20 require ./a",
    ]);
  });

  it("importLinesBySpecifier keeps the first line, preferring value imports", () => {
    const imports: ImportSite[] = [
      { specifier: "./t", line: 2, typeOnly: true, kind: "import-type" },
      { specifier: "./t", line: 9, typeOnly: false, kind: "import" },
      { specifier: "./t", line: 7, typeOnly: false, kind: "require" },
      { specifier: "./only-types", line: 5, typeOnly: true, kind: "import" },
      { specifier: "./only-types", line: 3, typeOnly: true, kind: "import-type" },
    ];
    expect(importLinesBySpecifier(imports)).toEqual(new Map([["./t", 7], ["./only-types", 3]]));
  });
});

describe("file kinds", () => {
  it("parses TSX", () => {
    const text = 'import React from "react";\nexport const App = ({ ok }: { ok: boolean }) => <div>{ok ? <b /> : null}</div>;\n';
    const { facts, imports } = analyzeSource(text, "App.tsx");
    expect(facts.functions).toEqual([expect.objectContaining({ name: "App", line: 2, complexity: 2 })]);
    expect(imports).toHaveLength(1);
  });

  it("parses JSX in a .js file, with comparisons next to it", () => {
    const text = 'import x from "./x.js";\nexport function View(a, b) {\n  return <p>{a < b && "lt"}</p>;\n}\n';
    const { facts, imports } = analyzeSource(text, "View.js");
    expect(facts.functions).toEqual([expect.objectContaining({ name: "View", line: 2, complexity: 2 })]);
    expect(imports.map((s) => s.specifier)).toEqual(["./x.js"]);
  });

  it.each(["m.cjs", "m.mjs"])("finds require and import() in %s", (file) => {
    const text = 'const a = require("./a.cjs");\nmodule.exports = async () => (await import("./b.mjs")).b || a;\n';
    expect(sites(text, file)).toEqual(["1 require ./a.cjs", "2 dynamic-import ./b.mjs"]);
    expect(analyzeSource(text, file).facts.functions).toEqual([expect.objectContaining({ name: "module.exports", line: 2, complexity: 2 })]);
  });

  it("does not throw on broken input and still reports what it can", () => {
    const text = 'import { a from "./a";\nfunction (( {\n  if (x { ?? \nclass { private }}}}\n)))';
    const result = analyzeSource(text, "broken.ts");
    expect(result.facts.lines).toBe(5);
    expect(result.imports.map((s) => s.specifier)).toEqual(["./a"]);
  });

  it("survives very deep expressions (no recursion)", () => {
    const text = `const s = ${Array.from({ length: 20000 }, (_, i) => `a${i}`).join(" || ")};\nconst f = () => 1;\n`;
    const { functions } = analyzeSource(text, "deep.ts").facts;
    expect(functions).toEqual([expect.objectContaining({ name: "f", line: 2, complexity: 1 })]);
  });
});
