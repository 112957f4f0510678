// dependency-cruiser with `tsPreCompilationDeps: false` reads a TypeScript file only after
// transpiling it (transpile/typescript-wrap.mjs: ts.transpileModule), so an import whose bindings
// are used as types only is elided, and never an edge. We ask TypeScript the same question
// with the same compiler options, and keep the sites whose specifier survives transpilation.
import ts from "./typescript-api.js";
import type { ScannedImport } from "./fast-scan.js";
import { scanImportSites } from "./fast-scan.js";

/** transpile/meta.mjs: the extensions read through the TypeScript transpiler. */
const TYPESCRIPT_FILE = /\.(d\.)?[cm]?tsx?$/;

/** Sites TypeScript may elide: value-looking import and export declarations (type-only ones always go). */
const ELIDABLE_KINDS = new Set(["import", "export", "import-equals"]);

/** typescript-wrap.mjs getCompilerOptions: the flavour's defaults under the tsconfig's own options. */
function compilerOptionsFor(file: string, tsconfigOptions: ts.CompilerOptions | undefined): ts.CompilerOptions {
  const flavour: ts.CompilerOptions = {};
  if (file.endsWith(".tsx")) flavour.jsx = ts.JsxEmit.React;
  if (/\.[cm]ts$/.test(file)) {
    flavour.module = ts.ModuleKind.NodeNext;
    flavour.target = ts.ScriptTarget.ES2022;
  }
  return { target: ts.ScriptTarget.ES2015, ...flavour, ...(tsconfigOptions ?? {}) };
}

/**
 * The sites dependency-cruiser reads in `file` when it does not read TypeScript's pre-compilation
 * dependencies: no type-only site, and no import the transpiled JavaScript no longer contains.
 */
export function elideTypeOnlySites(file: string, text: string, sites: ScannedImport[], tsconfigOptions?: ts.CompilerOptions): ScannedImport[] {
  if (!TYPESCRIPT_FILE.test(file)) return sites;
  const values = sites.filter((s) => !s.typeOnly);
  // Nothing TypeScript could elide: skip the transpile (the costly part).
  if (!values.some((s) => ELIDABLE_KINDS.has(s.kind))) return values;
  let output: string;
  try {
    output = ts.transpileModule(text, { fileName: file, compilerOptions: compilerOptionsFor(file, tsconfigOptions), reportDiagnostics: false }).outputText;
  } catch {
    return values; // a file TypeScript cannot transpile: keep what the scan saw
  }
  // The kind dependency-cruiser then reports is the JavaScript's (`import x = require()` is a require in CommonJS output).
  const surviving = new Map<string, ScannedImport["kind"]>();
  for (const site of scanImportSites(output)) if (!surviving.has(site.specifier)) surviving.set(site.specifier, site.kind);
  return values.flatMap((s) => {
    if (!ELIDABLE_KINDS.has(s.kind)) return [s];
    const kind = surviving.get(s.specifier);
    return kind === undefined ? [] : [{ ...s, kind }];
  });
}
