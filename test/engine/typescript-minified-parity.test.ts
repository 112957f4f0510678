// The minified copy of typescript.js is the same TypeScript for what we ask of it: analyzeSource
// (extract/source-facts.ts, a full parse and walk) and the fast scanner (scanImportSites,
// extract/fast-scan.ts, the scanner and preProcessFile) give deep-equal results with either text,
// over every source of this repository's src/ and test/ (the fixtures' trees included) and a few
// hostile ones. Each side runs the built modules in its own Node process: one loads TypeScript
// plainly, the other through the worker's loader of the minified copy.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { ROOT, buildMinifiedTypeScript } from "./minified-typescript.js";

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

let work: string;
let copy: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-tsmin-parity-"));
  copy = path.join(work, "typescript-min");
  buildMinifiedTypeScript(copy);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Odd sources beside the repository's: too deep for the parser, a 50,000-term chain, JSX, directives, exotic requires. */
function hostileSources(): Record<string, string> {
  return {
    "hostile/nested.ts": `export const deep = ${"(".repeat(50_000)}1${")".repeat(50_000)};\n`,
    "hostile/wide.ts": `export const wide = ${Array.from({ length: 50_000 }, (_, i) => `a${i}`).join(" || ")};\n`,
    "hostile/directives.ts": `/// <reference path="./a.d.ts" />\n/// <reference types="node" />\nimport type { A } from "./a";\nexport = require("./b");\n`,
    "hostile/view.tsx": `import React from "react";\nexport const V = () => <div>{import("./lazy")}</div>;\nconst x = requireJS("./exotic");\n`,
  };
}

/** What analyzeSource and scanImportSites give for each file, with TypeScript loaded plainly or from the copy. */
function analyseAll(files: Record<string, string>, minified: boolean): { minifiedRan: boolean; results: unknown } {
  const input = path.join(work, "corpus.json");
  const output = path.join(work, `results-${minified ? "minified" : "plain"}.json`);
  writeFileSync(input, JSON.stringify(files));
  const dist = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, "dist", file)).href);
  const script = [
    `import { readFileSync, writeFileSync } from "node:fs";`,
    `import { createRequire } from "node:module";`,
    `import { useTypeScriptLoader } from ${dist("extract/typescript-loading.js")};`,
    `import { minifiedTypeScriptLoader } from ${dist("engine/typescript-code-cache.js")};`,
    minified ? `useTypeScriptLoader(minifiedTypeScriptLoader(${JSON.stringify(copy)}));` : "",
    `const { analyzeSource } = await import(${dist("extract/source-facts.js")});`,
    `const { scanImportSites } = await import(${dist("extract/fast-scan.js")});`,
    `const ts = createRequire(${JSON.stringify(path.join(ROOT, "dist/extract/x.js"))})("typescript");`,
    `const files = JSON.parse(readFileSync(${JSON.stringify(input)}, "utf8"));`,
    `const results = Object.entries(files).map(([name, text]) => [name, analyzeSource(text, name), scanImportSites(text, ["requireJS"])]);`,
    `writeFileSync(${JSON.stringify(output)}, JSON.stringify({ minifiedRan: ts.createSourceFile.name !== "createSourceFile", results }));`,
  ].join("\n");
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  if (child.status !== 0) throw new Error(`the ${minified ? "minified" : "plain"} side failed: ${child.stderr}`);
  return JSON.parse(readFileSync(output, "utf8")) as { minifiedRan: boolean; results: unknown };
}

describe("TypeScript minified or not", () => {
  it("gives the same source facts and import sites over this repository's sources, its fixtures and hostile ones", () => {
    const names = [...sourcesUnder("src"), ...sourcesUnder("test")];
    expect(names.filter((n) => n.startsWith("test/fixtures/")).length).toBeGreaterThan(40);
    const files: Record<string, string> = { ...Object.fromEntries(names.map((n) => [n, readFileSync(path.join(ROOT, n), "utf8")])), ...hostileSources() };
    const plain = analyseAll(files, false);
    const minified = analyseAll(files, true);
    expect([plain.minifiedRan, minified.minifiedRan]).toEqual([false, true]);
    expect(minified.results).toEqual(plain.results);
    // Not vacuous: imports, functions and the deep file's unanalysable reason were all found.
    const byName = new Map((plain.results as Array<[string, { imports: unknown[]; facts: { functions: unknown[]; unanalysable?: string } }, unknown[]]>).map((r) => [r[0], r]));
    expect(byName.get("src/engine/typescript-code-cache.ts")?.[1].imports.length).toBeGreaterThan(5);
    expect(byName.get("src/engine/typescript-code-cache.ts")?.[1].facts.functions.length).toBeGreaterThan(5);
    expect(byName.get("hostile/directives.ts")?.[2].length).toBe(4);
    expect(byName.get("hostile/nested.ts")?.[1].facts.unanalysable).toBe("nesting too deep for the parser");
  });
});
