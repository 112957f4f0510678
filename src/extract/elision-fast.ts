// What ts.transpileModule would keep of a file's import and export declarations, decided from
// its parse tree (~0.75 ms a file against ~5 ms for a transpile): an import survives iff one of
// its value bindings is referenced as a value (elision-references.ts). Null whenever the file or
// its options hold something this does not model exactly: the caller transpiles then.
import ts from "./typescript-api.js";
import type { ScannedImport } from "./fast-scan.js";
import { metadataReferences } from "./elision-metadata.js";
import { valueReferences, type ValueReferences } from "./elision-references.js";

type Kind = ScannedImport["kind"];
type OutputFormat = "esm" | "esm2015" | "cjs";

const ESM_MODULES = new Set<ts.ModuleKind>([ts.ModuleKind.ES2020, ts.ModuleKind.ES2022, ts.ModuleKind.ESNext, ts.ModuleKind.Preserve]);

/** The module format of the transpiled output (TypeScript's getEmitModuleKind), or null for kinds not mapped here. */
function outputFormat(options: ts.CompilerOptions): OutputFormat | null {
  // Options that change which imports are elided or how their specifiers are written: not modelled.
  if (options.verbatimModuleSyntax || options.preserveValueImports || options.importsNotUsedAsValues !== undefined) return null;
  if (options.rewriteRelativeImportExtensions) return null;
  const target = options.target ?? ts.ScriptTarget.ES5;
  const module = options.module ?? (target >= ts.ScriptTarget.ES2015 ? ts.ModuleKind.ES2015 : ts.ModuleKind.CommonJS);
  if (module === ts.ModuleKind.CommonJS) return "cjs";
  if (module === ts.ModuleKind.ES2015) return "esm2015";
  return ESM_MODULES.has(module) ? "esm" : null;
}

const ELIDABLE = (s: ScannedImport): boolean => !s.typeOnly && (s.kind === "import" || s.kind === "export");

/** The sites fit the model: no import-equals or nested site, and no elidable specifier shared with another kind of site. */
function sitesModelled(sites: ScannedImport[], options: ts.CompilerOptions): boolean {
  const elidable = new Set<string>();
  for (const s of sites) {
    if (s.nested || (!s.typeOnly && s.kind === "import-equals")) return false;
    if (ELIDABLE(s)) elidable.add(s.specifier);
  }
  // importHelpers adds a `tslib` import of its own to the output.
  if (options.importHelpers && elidable.has("tslib")) return false;
  // Type-only import/export declarations leave the output; any other site with the specifier stays in it.
  return !sites.some((s) => s.kind !== "import" && s.kind !== "export" && elidable.has(s.specifier));
}

interface Declaration {
  specifier: string;
  node: ts.ImportDeclaration | ts.ExportDeclaration;
}

/** Top-level value-looking import/export declarations, and every imported binding name (null on a duplicate). */
function declarationsOf(file: ts.SourceFile): { declarations: Declaration[]; imported: Set<string> } | null {
  const declarations: Declaration[] = [];
  const imported = new Set<string>();
  for (const node of file.statements) {
    if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) || !node.moduleSpecifier) continue;
    if (!ts.isStringLiteral(node.moduleSpecifier)) return null;
    for (const name of bindingNames(node)) {
      if (imported.has(name)) return null;
      imported.add(name);
    }
    if (!typeOnlyForScan(node)) declarations.push({ specifier: node.moduleSpecifier.text, node });
  }
  return { declarations, imported };
}

const allTypeOnly = (elements: readonly { isTypeOnly: boolean }[]): boolean => elements.length > 0 && elements.every((e) => e.isTypeOnly);

/** As the scan marks a declaration type-only (fast-statements.ts): `import type`, or only `type` specifiers and no default. */
function typeOnlyForScan(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && allTypeOnly(node.exportClause.elements));
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  return !clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && allTypeOnly(clause.namedBindings.elements);
}

function bindingNames(node: ts.ImportDeclaration | ts.ExportDeclaration): string[] {
  if (!ts.isImportDeclaration(node) || !node.importClause) return [];
  const { name, namedBindings } = node.importClause;
  const names = name ? [name.text] : [];
  if (namedBindings && ts.isNamespaceImport(namedBindings)) names.push(namedBindings.name.text);
  else if (namedBindings) names.push(...namedBindings.elements.map((e) => e.name.text));
  return names;
}

/**
 * TypeScript's visitImportDeclaration / visitExportDeclaration: does the declaration survive?
 * "unsure" when that hangs on a binding whose references cannot be counted exactly.
 */
function survives(node: ts.ImportDeclaration | ts.ExportDeclaration, values: ReadonlySet<string>, uncertain: ReadonlySet<string>): boolean | "unsure" {
  if (ts.isExportDeclaration(node)) {
    const clause = node.exportClause;
    return !clause || ts.isNamespaceExport(clause) || clause.elements.some((e) => !e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return true; // a side-effect import
  const bindings = clause.name ? [clause.name.text] : [];
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) bindings.push(named.name.text);
  else if (named) bindings.push(...named.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text));
  if (bindings.some((b) => values.has(b) && !uncertain.has(b))) return true;
  return bindings.some((b) => uncertain.has(b)) ? "unsure" : false;
}

/** The kind the output's scan gives a surviving declaration (checked on real output: test/extract/elision-parity.test.ts). */
function outputKind(node: ts.ImportDeclaration | ts.ExportDeclaration, format: OutputFormat): Kind {
  if (format === "cjs") return "require";
  if (ts.isImportDeclaration(node)) return "import";
  // ES2015 has no `export * as ns from`: TypeScript writes an import and a local export.
  return format === "esm2015" && node.exportClause && ts.isNamespaceExport(node.exportClause) ? "import" : "export";
}

const parseDiagnostics = (file: ts.SourceFile): readonly unknown[] => (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];

/** The fast path's answer: the kinds, or why only a transpile can tell (bench/elision-parity.mjs counts the reasons). */
export type ElisionVerdict = { kinds: (Kind | null)[] } | { fallback: string };

export function fastElisionVerdict(file: string, text: string, sites: ScannedImport[], options: ts.CompilerOptions): ElisionVerdict {
  const format = modelledFormat(file, sites, options);
  if (typeof format !== "object") return { fallback: format };
  const languageVersion = options.target ?? ts.ScriptTarget.ES5;
  const source = ts.createSourceFile(file, text, { languageVersion, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.TS);
  if (parseDiagnostics(source).length > 0) return { fallback: "syntax error" };
  const found = declarationsOf(source);
  if (found === null || !sameSpecifiers(found.declarations, sites)) return { fallback: "declarations" };
  const refs = valueReferences(source, found.imported);
  if (refs.unsure) return { fallback: `unmodelled: ${refs.unsure}` };
  if (!addMetadataReferences(refs, options)) return { fallback: "emitDecoratorMetadata" };
  const kept = new Map<string, Kind>();
  for (const { specifier, node } of found.declarations) {
    if (kept.has(specifier)) continue;
    const survived = survives(node, refs.values, refs.uncertain);
    if (survived === "unsure") return { fallback: "shadowed or ambient import" };
    if (survived) kept.set(specifier, outputKind(node, format.format));
  }
  return { kinds: sites.map((s) => (s.typeOnly ? null : ELIDABLE(s) ? (kept.get(s.specifier) ?? null) : s.kind)) };
}

/** With emitDecoratorMetadata, the annotated types of decorated members become values too; false when not modelled. */
function addMetadataReferences(refs: ValueReferences, options: ts.CompilerOptions): boolean {
  if (!refs.decorated || !options.emitDecoratorMetadata) return true;
  const metadata = metadataReferences(refs.classes, options);
  if (metadata === null) return false;
  for (const name of metadata) refs.values.add(name);
  return true;
}

/** The output format when the file, its options and its sites are all modelled, else why not. */
function modelledFormat(file: string, sites: ScannedImport[], options: ts.CompilerOptions): { format: OutputFormat } | string {
  if (!/\.ts$/.test(file) || file.endsWith(".d.ts")) return "file extension"; // .tsx (JSX), .mts/.cts (per-file format), .d.ts
  const format = outputFormat(options);
  if (format === null) return "compiler options";
  return sitesModelled(sites, options) ? { format } : "sites";
}

/** Per site, its kind after transpile (null: gone), as compiledKinds has it; null when only a transpile can tell. */
export function fastCompiledKinds(file: string, text: string, sites: ScannedImport[], options: ts.CompilerOptions): (Kind | null)[] | null {
  const verdict = fastElisionVerdict(file, text, sites, options);
  return "kinds" in verdict ? verdict.kinds : null;
}

/** The parse and the scan agree: as many value-looking declarations per specifier as elidable sites. */
function sameSpecifiers(declarations: Declaration[], sites: ScannedImport[]): boolean {
  const count = new Map<string, number>();
  for (const d of declarations) count.set(d.specifier, (count.get(d.specifier) ?? 0) + 1);
  for (const s of sites) if (ELIDABLE(s)) count.set(s.specifier, (count.get(s.specifier) ?? 0) - 1);
  return [...count.values()].every((n) => n === 0);
}
