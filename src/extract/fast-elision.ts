// dependency-cruiser with `tsPreCompilationDeps: false` reads a TypeScript file only after
// transpiling it (transpile/typescript-wrap.mjs: ts.transpileModule), so an import whose bindings
// are used as types only is elided, and never an edge. We ask TypeScript the same question
// with the same compiler options, and keep the sites whose specifier survives transpilation.
import ts from "./typescript-api.js";
import type { ScannedImport } from "./fast-scan.js";
import { scanImportSites } from "./fast-scan.js";
import { fastCompiledKinds } from "./elision-fast.js";

/** transpile/meta.mjs: the extensions read through the TypeScript transpiler. */
const TYPESCRIPT_FILE = /\.(d\.)?[cm]?tsx?$/;

/** Sites TypeScript may elide: value-looking import and export declarations (type-only ones always go). */
const ELIDABLE_KINDS = new Set(["import", "export", "import-equals"]);

/** typescript-wrap.mjs getCompilerOptions: the flavour's defaults under the tsconfig's own options. */
export function compilerOptionsFor(file: string, tsconfigOptions: ts.CompilerOptions | undefined): ts.CompilerOptions {
  const flavour: ts.CompilerOptions = {};
  if (file.endsWith(".tsx")) flavour.jsx = ts.JsxEmit.React;
  if (/\.[cm]ts$/.test(file)) {
    flavour.module = ts.ModuleKind.NodeNext;
    flavour.target = ts.ScriptTarget.ES2022;
  }
  return { target: ts.ScriptTarget.ES2015, ...flavour, ...(tsconfigOptions ?? {}) };
}

/**
 * What becomes of each site in the transpiled JavaScript: null when it is gone (type-only, or an
 * import TypeScript elides), else its kind there (`import x = require()` is a require in CommonJS output).
 */
function compiledKinds(file: string, text: string, sites: ScannedImport[], tsconfigOptions?: ts.CompilerOptions): (ScannedImport["kind"] | null)[] {
  if (!TYPESCRIPT_FILE.test(file)) return sites.map((s) => s.kind);
  const valueKinds = sites.map((s) => (s.typeOnly ? null : s.kind));
  // Nothing TypeScript could elide: skip the transpile (the costly part).
  if (!sites.some((s) => !s.typeOnly && ELIDABLE_KINDS.has(s.kind))) return valueKinds;
  const compilerOptions = compilerOptionsFor(file, tsconfigOptions);
  // The parse tree decides most files exactly (elision-fast.ts); the transpile is the fallback.
  return fastCompiledKinds(file, text, sites, compilerOptions) ?? transpiledKinds(file, text, sites, compilerOptions);
}

/** compiledKinds by asking TypeScript: transpile, then rescan the output's import sites. */
export function transpiledKinds(file: string, text: string, sites: ScannedImport[], compilerOptions: ts.CompilerOptions): (ScannedImport["kind"] | null)[] {
  const valueKinds = sites.map((s) => (s.typeOnly ? null : s.kind));
  let output: string;
  try {
    output = ts.transpileModule(text, { fileName: file, compilerOptions, reportDiagnostics: false }).outputText;
  } catch {
    return valueKinds; // a file TypeScript cannot transpile: keep what the scan saw
  }
  const surviving = new Map<string, ScannedImport["kind"]>();
  for (const site of scanImportSites(output)) if (!surviving.has(site.specifier)) surviving.set(site.specifier, site.kind);
  return sites.map((s, i) => (valueKinds[i] === null || !ELIDABLE_KINDS.has(s.kind) ? (valueKinds[i] ?? null) : (surviving.get(s.specifier) ?? null)));
}

/**
 * The sites dependency-cruiser reads in `file` when it does not read TypeScript's pre-compilation
 * dependencies: no type-only site, and no import the transpiled JavaScript no longer contains.
 */
export function elideTypeOnlySites(file: string, text: string, sites: ScannedImport[], tsconfigOptions?: ts.CompilerOptions): ScannedImport[] {
  const kinds = compiledKinds(file, text, sites, tsconfigOptions);
  return sites.flatMap((s, i) => {
    const kind = kinds[i] ?? null;
    return kind === null ? [] : [kind === s.kind ? s : { ...s, kind }];
  });
}

/**
 * Every site kept, those that differ after TypeScript's transpile marked (`compiled`): the full
 * view for archreview's own rules and dependency-cruiser's `tsPreCompilationDeps: false` view from one scan.
 */
export function markElidedSites(file: string, text: string, sites: ScannedImport[], tsconfigOptions?: ts.CompilerOptions): ScannedImport[] {
  const kinds = compiledKinds(file, text, sites, tsconfigOptions);
  return sites.map((s, i) => {
    const kind = kinds[i] ?? null;
    return kind === s.kind ? s : { ...s, compiled: kind };
  });
}

/** A marked site as dependency-cruiser's `tsPreCompilationDeps: false` view has it: null when TypeScript drops it. */
export function compiledSite(site: ScannedImport): ScannedImport | null {
  if (site.compiled === undefined) return site;
  if (site.compiled === null) return null;
  const { compiled, ...rest } = site;
  return { ...rest, kind: compiled };
}
