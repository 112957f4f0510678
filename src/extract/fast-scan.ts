// Every module reference of a file from one pass of the TypeScript scanner (no parse): the
// fast counterpart of analyzeSource's `imports` (source-facts.ts), which walks a full AST.
// The deliberate differences from analyzeSource are listed on scanImports.
import ts from "./typescript-api.js";
import type { ImportSite } from "./source-facts.js";
import { SiteReader, type PendingSite } from "./fast-statements.js";

/** An import site plus what the graph needs to mirror dependency-cruiser. */
export interface ScannedImport extends ImportSite {
  /** A declaration inside a namespace / `declare module` body: dependency-cruiser reads only top-level ones. */
  nested: boolean;
  /** From a `/// <reference path="" />` or `types=""` directive. */
  directive: "path" | "types" | null;
  /**
   * Set only where the graph keeps both views (graph-index.ts elision "mark"): what becomes of the
   * site in TypeScript's output, null when elided (fast-elision.ts); absent when unchanged.
   */
  compiled?: ImportSite["kind"] | null;
  /** A call to one of dependency-cruiser's `exoticRequireStrings` (kind "require"): the string it matched. */
  exotic?: string;
}

/** `/// <reference path|types="..." />` in the file's leading comments, as TypeScript reads them. */
function directiveSites(text: string): PendingSite[] {
  if (!text.includes("///")) return [];
  const info = ts.preProcessFile(text, /*readImportFiles*/ false, /*detectJavaScriptImports*/ false);
  const site = (ref: ts.FileReference, directive: "path" | "types"): PendingSite => ({
    specifier: ref.fileName,
    pos: ref.pos,
    typeOnly: true,
    kind: "import-type",
    nested: false,
    directive,
  });
  return [...info.referencedFiles.map((r) => site(r, "path")), ...info.typeReferenceDirectives.map((r) => site(r, "types"))];
}

/** Start offsets of every line, with TypeScript's line breaks (\n, \r\n, lone \r, U+2028, U+2029). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue; // \r\n breaks once, at the \n
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
  }
  return starts;
}

function lineOf(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Every module reference with what the graph needs (calls to `exoticRequireStrings` as requires); in source order. */
export function scanImportSites(text: string, exoticRequireStrings: readonly string[] = []): ScannedImport[] {
  const pending = [...directiveSites(text), ...new SiteReader(text, exoticRequireStrings).read()];
  if (pending.length === 0) return [];
  const starts = lineStarts(text);
  return pending.map(({ pos, ...site }) => ({ ...site, line: lineOf(starts, pos) }));
}

/**
 * analyzeSource's `imports` without a parse: the same specifier, line, typeOnly and kind for
 * every import / export / import-equals / require / import() / import("x").T, in source order.
 * Deliberate difference: `/// <reference path|types>` directives are included (kind
 * "import-type", type-only), because dependency-cruiser counts them as dependencies.
 */
export function scanImports(text: string, _fileName: string): ImportSite[] {
  // The file name is analyzeSource's signature; the scan reads .ts, .tsx and .js alike.
  return scanImportSites(text).map(({ specifier, line, typeOnly, kind }) => ({ specifier, line, typeOnly, kind }));
}
