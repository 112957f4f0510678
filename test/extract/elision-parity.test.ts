// The parse-tree elision (elision-fast.ts) against the reference, ts.transpileModule plus a rescan
// of its output (fast-elision.ts transpiledKinds), on every case of elision-cases.ts under each
// option set: wherever the fast path decides, it decides exactly as the transpile; it decides what
// it models and leaves the rest to the transpile.
import { describe, expect, it } from "@jest/globals";
import ts from "../../src/extract/typescript-api.js";
import { fastCompiledKinds } from "../../src/extract/elision-fast.js";
import { compilerOptionsFor, elideTypeOnlySites, transpiledKinds } from "../../src/extract/fast-elision.js";
import { scanImportSites } from "../../src/extract/fast-scan.js";
import { ELISION_CASES } from "./elision-cases.js";

interface OptionSet {
  name: string;
  options: ts.CompilerOptions | undefined;
  /** Whether the fast path models this option set at all. */
  modelled: boolean;
}

const OPTION_SETS: OptionSet[] = [
  { name: "defaults (ES2015)", options: undefined, modelled: true },
  { name: "module commonjs", options: { module: ts.ModuleKind.CommonJS, esModuleInterop: true }, modelled: true },
  { name: "target ES5, no module (commonjs)", options: { target: ts.ScriptTarget.ES5 }, modelled: true },
  { name: "module esnext", options: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }, modelled: true },
  { name: "module es2020", options: { module: ts.ModuleKind.ES2020 }, modelled: true },
  { name: "module preserve", options: { module: ts.ModuleKind.Preserve }, modelled: true },
  { name: "jsx react-jsx", options: { jsx: ts.JsxEmit.ReactJSX, module: ts.ModuleKind.ESNext }, modelled: true },
  { name: "experimentalDecorators", options: { experimentalDecorators: true, module: ts.ModuleKind.CommonJS }, modelled: true },
  { name: "emitDecoratorMetadata", options: { experimentalDecorators: true, emitDecoratorMetadata: true, module: ts.ModuleKind.CommonJS }, modelled: true },
  { name: "emitDecoratorMetadata, strict", options: { experimentalDecorators: true, emitDecoratorMetadata: true, strict: true, module: ts.ModuleKind.ESNext }, modelled: true },
  { name: "emitDecoratorMetadata, ES decorators", options: { emitDecoratorMetadata: true, module: ts.ModuleKind.CommonJS }, modelled: true },
  { name: "importHelpers", options: { importHelpers: true, experimentalDecorators: true, module: ts.ModuleKind.CommonJS }, modelled: true },
  { name: "verbatimModuleSyntax", options: { verbatimModuleSyntax: true, module: ts.ModuleKind.ESNext }, modelled: false },
  { name: "module nodenext", options: { module: ts.ModuleKind.NodeNext }, modelled: false },
  { name: "module amd", options: { module: ts.ModuleKind.AMD }, modelled: false },
];

describe.each(OPTION_SETS)("elision from the parse tree, $name", ({ options, modelled, name }) => {
  it.each(ELISION_CASES)("$name: same kinds as transpileModule", ({ text, decided, file = "f.ts", metadataFallback = false }) => {
    const sites = scanImportSites(text);
    const compilerOptions = compilerOptionsFor(file, options);
    const fast = fastCompiledKinds(file, text, sites, compilerOptions);
    const reference = transpiledKinds(file, text, sites, compilerOptions);
    const expectDecided = decided && modelled && !(name.startsWith("emitDecoratorMetadata") && metadataFallback);
    expect(fast !== null).toBe(expectDecided);
    if (fast !== null) expect(fast).toEqual(reference);
    // The public path (fast where it can, transpile otherwise) gives the reference's sites.
    const expected = sites.flatMap((s, i) => (reference[i] ? [reference[i] === s.kind ? s : { ...s, kind: reference[i] }] : []));
    expect(elideTypeOnlySites(file, text, sites, options)).toEqual(expected);
  });
});

describe("the corpus decides both ways", () => {
  it("has kept and elided imports among the decided cases, in ESM and CommonJS output", () => {
    const outcomes = new Set<string>();
    for (const options of [undefined, { module: ts.ModuleKind.CommonJS }, { emitDecoratorMetadata: true, experimentalDecorators: true }]) {
      for (const { text, decided } of ELISION_CASES.filter((c) => c.decided && !(options?.emitDecoratorMetadata && c.metadataFallback))) {
        const sites = scanImportSites(text);
        const kinds = fastCompiledKinds("f.ts", text, sites, compilerOptionsFor("f.ts", options));
        expect(kinds).not.toBeNull();
        sites.forEach((s, i) => !s.typeOnly && outcomes.add(`${s.kind}->${kinds?.[i] ?? "gone"}`));
        expect(decided).toBe(true);
      }
    }
    expect([...outcomes].sort()).toEqual(["dynamic-import->dynamic-import", "export->export", "export->gone", "export->import", "export->require", "import->gone", "import->import", "import->require"]);
  });
});

describe("decorator metadata, both directions", () => {
  const kindOf = (name: string, options: ts.CompilerOptions | undefined, specifier = "./a"): string | null => {
    const found = ELISION_CASES.find((c) => c.name === name);
    if (!found) throw new Error(`no case ${name}`);
    const sites = scanImportSites(found.text);
    const kinds = fastCompiledKinds("f.ts", found.text, sites, compilerOptionsFor("f.ts", options));
    expect(kinds).not.toBeNull();
    return kinds?.[sites.findIndex((s) => s.specifier === specifier)] ?? null;
  };
  const metadata = { experimentalDecorators: true, emitDecoratorMetadata: true };

  it("keeps an import named by a decorated member's type only with emitDecoratorMetadata", () => {
    expect(kindOf("metadata: decorated property type", metadata)).toBe("import");
    expect(kindOf("metadata: decorated property type", { experimentalDecorators: true })).toBeNull();
    expect(kindOf("metadata: undecorated member types", metadata)).toBeNull();
  });

  it("reads `T | null` as TypeScript does: T without strictNullChecks, nothing with it", () => {
    expect(kindOf("metadata: union with null", metadata)).toBe("import");
    expect(kindOf("metadata: union with null", { ...metadata, strict: true })).toBeNull();
    expect(kindOf("metadata: union of two types", metadata)).toBeNull();
  });
});
