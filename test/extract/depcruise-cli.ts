// Helpers for the resolution parity tests: write a fixture tree into a temp dir, run
// dependency-cruiser's CLI on it (the reference), and put both answers in one comparable shape.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { afterAll } from "@jest/globals";
import os from "node:os";
import path from "node:path";
import type { ExternalImport, ModuleEdge } from "../../src/core/model.js";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import { buildGraphIndex } from "../../src/extract/graph-index.js";

const DEPCRUISE = path.resolve("node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

/** Writes `files` (repo path -> text; a value `{ link }` makes a directory symlink) under a new temp dir. */
export function writeTree(files: Record<string, string | { link: string }>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "archreview-resolve-"));
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof content === "string") writeFileSync(target, content);
    else symlinkSync(path.relative(path.dirname(target), path.join(root, content.link)), target, "dir");
  }
  return root;
}

/** writeTree for one test file: every tree it writes is removed after the file's tests. */
export function useScratchTrees(): (files: Record<string, string | { link: string }>) => string {
  const written: string[] = [];
  afterAll(() => {
    for (const dir of written) rmSync(dir, { recursive: true, force: true });
  });
  return (files) => {
    const root = writeTree(files);
    written.push(root);
    return root;
  };
}

/** A stub installed package: package.json and index.js, as the parity tests give dependency-cruiser. */
export function stubPackage(name: string, extra: Record<string, unknown> = {}): Record<string, string> {
  return {
    [`node_modules/${name}/package.json`]: JSON.stringify({ name, version: "1.0.0", ...extra }),
    [`node_modules/${name}/index.js`]: "module.exports = {};\n",
  };
}

interface CliDependency {
  module: string;
  resolved: string;
  coreModule: boolean;
  couldNotResolve: boolean;
  dependencyTypes: string[];
}

/** What both sides say about the imports of the analysed modules, in one shape. */
export interface ComparableGraph {
  edges: string[];
  /** `rule | from | to` of the CLI's violations from analysed modules (empty for ours). */
  violations: string[];
  /** `from | resolved | dependencyTypes (sorted) | flags` of every import leading to no analysed module. */
  external: string[];
}

const externalKey = (from: string, resolved: string, types: string[], couldNotResolve: boolean, coreModule: boolean): string =>
  `${from} | ${resolved} | ${[...new Set(types)].sort().join(",")}${couldNotResolve ? " | unresolved" : ""}${coreModule ? " | core" : ""}`;

/** dependency-cruiser's CLI on `dirs` of the tree at `root` (run from `root`), reduced to the analysed `sources`. */
export function depcruiseGraph(root: string, dirs: string[], config: Record<string, unknown>, sources: string[], tsConfig: string | null = "tsconfig.json"): ComparableGraph {
  writeFileSync(path.join(root, ".dependency-cruiser.json"), JSON.stringify(config));
  const args = [DEPCRUISE, ...dirs, "--config", ".dependency-cruiser.json", "--output-type", "json", ...(tsConfig ? ["--ts-config", tsConfig] : [])];
  const out = execFileSync(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).toString("utf8");
  const result = JSON.parse(out) as { modules: { source: string; dependencies: CliDependency[] }[]; summary: { violations: { from: string; to: string; rule: { name: string } }[] } };
  const analysed = new Set(sources);
  const edges = new Set<string>();
  const external = new Map<string, { from: string; d: CliDependency; types: string[] }>();
  for (const mod of result.modules) {
    if (!analysed.has(mod.source)) continue;
    for (const d of mod.dependencies) {
      if (!d.coreModule && !d.couldNotResolve && analysed.has(d.resolved)) {
        edges.add(`${mod.source} -> ${d.resolved}`);
        continue;
      }
      const key = `${mod.source}\u0000${d.resolved}`;
      const known = external.get(key);
      if (known) known.types.push(...d.dependencyTypes);
      else external.set(key, { from: mod.source, d, types: [...d.dependencyTypes] });
    }
  }
  return {
    edges: [...edges].sort(),
    violations: result.summary.violations.filter((v) => analysed.has(v.from)).map((v) => `${v.rule.name} | ${v.from} | ${v.to}`).sort(),
    external: [...external.values()].map(({ from, d, types }) => externalKey(from, d.resolved, types, d.couldNotResolve, d.coreModule)).sort(),
  };
}

/** archreview's graph of the same tree (run from this process's cwd, never the tree's). */
export async function fastGraph(root: string, options: { tsPreCompilationDeps?: boolean; ignore?: (file: string) => boolean } = {}): Promise<ComparableGraph & { sources: string[]; raw: { edges: ModuleEdge[]; external: ExternalImport[] } }> {
  const allFiles = (await listFiles(root)).filter((f) => !f.startsWith("node_modules/") && f !== ".dependency-cruiser.json");
  const sourceFiles = allFiles.filter((f) => isSourceFile(f) && !(options.ignore?.(f) ?? false));
  const tree = options.tsPreCompilationDeps === undefined ? { allFiles, sourceFiles } : { allFiles, sourceFiles, tsPreCompilationDeps: options.tsPreCompilationDeps };
  const index = await buildGraphIndex(root, tree);
  const external = index.external ?? [];
  return {
    sources: sourceFiles,
    violations: [],
    edges: index.edges.map((e) => `${e.from} -> ${e.to}`).sort(),
    external: external.map((x) => externalKey(x.from, x.resolved, x.dependencyTypes, x.couldNotResolve, x.coreModule)).sort(),
    raw: { edges: index.edges, external },
  };
}
