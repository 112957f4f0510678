// Import helpers for analyzeSource (source-facts.ts): type-only detection for import/export
// clauses, literal specifier arguments, and the per-specifier line lookup used for edges.

import ts from "./typescript-api.js";
import type { ImportSite } from "./source-facts.js";

/** `import { type A, type B }` / `export { type A }`: every element type-only (and at least one). */
export function allElementsTypeOnly(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

export function importTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (clause === undefined) return false; // `import "x"` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && allElementsTypeOnly(bindings.elements);
}

export function stringArgument(node: ts.Node | undefined): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | undefined {
  return node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node : undefined;
}

/** First line each specifier is imported on, preferring a value (non-type-only) import. */
export function importLinesBySpecifier(imports: ImportSite[]): Map<string, number> {
  const value = new Map<string, number>();
  const typeOnly = new Map<string, number>();
  for (const site of imports) {
    const target = site.typeOnly ? typeOnly : value;
    const seen = target.get(site.specifier);
    if (seen === undefined || site.line < seen) target.set(site.specifier, site.line);
  }
  for (const [specifier, line] of typeOnly) {
    if (!value.has(specifier)) value.set(specifier, line);
  }
  return value;
}
