// The module graph without dependency-cruiser: read each file once, scan its imports with the
// TypeScript scanner (fast-scan.ts) and resolve them as dependency-cruiser would (fast-resolve.ts).
// Same edges as depcruise-run.ts buildRawGraph, with lines attached, at a fraction of its time and
// memory. The review composes scanModules and resolveEdges through graph-index.ts.
import type { ModuleEdge } from "../core/model.js";
import { pathKeyPattern, siteKinds, targetKinds, type AliasContext } from "./fast-kinds.js";
import { createFileSystem, ModuleResolver, type Resolution } from "./fast-resolve.js";
import { scanImportSites, type ScannedImport } from "./fast-scan.js";
import { groupByTsConfig } from "./tsconfig.js";
import { treeSourceOf, type TreeSource } from "./tree-source.js";
import { findWorkspacePackages, workspaceAliases } from "./workspaces.js";

export interface FastGraphOptions {
  /** Repo-relative source files to analyse (already filtered by ignore globs). */
  sourceFiles: string[];
  allFiles: string[];
}

interface FileResolution {
  resolver: ModuleResolver;
  context: AliasContext;
}

interface EdgeSite {
  site: ScannedImport;
  /** targetKinds of the site's resolution, shared by every site of the same request. */
  targetKinds: string[];
}

/** The import sites dependency-cruiser would read in each file, from one scan (no parse). */
export async function scanModules(root: string | TreeSource, files: string[]): Promise<Record<string, ScannedImport[]>> {
  const sites: Record<string, ScannedImport[]> = {};
  await treeSourceOf(root).readEach(files, (file, text) => {
    // dependency-cruiser reads .jsx with acorn, which knows no `/// <reference>` directives.
    const directives = !file.endsWith(".jsx");
    // It also reads import declarations at the top level only.
    sites[file] = scanImportSites(text).filter((site) => !site.nested && (site.directive === null || directives));
  });
  return sites;
}

/** The edges leaving `from` (modules of the tree), resolved against the tree at `root`. */
export async function resolveEdges(root: string | TreeSource, options: FastGraphOptions, sites: Record<string, ScannedImport[]>, from: Iterable<string>): Promise<ModuleEdge[]> {
  const moduleFiles = new Set(options.sourceFiles);
  const byFile = await resolutionByFile(treeSourceOf(root), options);
  const sitesByEdge = new Map<string, EdgeSite[]>();
  const kindsByResolution = new Map<Resolution, string[]>();
  for (const file of from) {
    const { resolver, context } = byFile.get(file) as FileResolution;
    for (const site of sites[file] ?? []) {
      const resolution = resolver.resolve(file, site.specifier);
      const to = resolution.resolved;
      if (to === null || !moduleFiles.has(to)) continue; // edges only between analysed modules
      const key = `${file}\u0000${to}`;
      let edgeSites = sitesByEdge.get(key);
      if (!edgeSites) sitesByEdge.set(key, (edgeSites = []));
      let kinds = kindsByResolution.get(resolution);
      if (!kinds) kindsByResolution.set(resolution, (kinds = targetKinds(resolution.module, to, context)));
      edgeSites.push({ site, targetKinds: kinds });
    }
  }
  const edges = [...sitesByEdge].map(([key, edgeSites]) => mergeSites(key, edgeSites));
  return edges.sort(compareEdges);
}

export function compareEdges(a: ModuleEdge, b: ModuleEdge): number {
  return a.from === b.from ? cmp(a.to, b.to) : cmp(a.from, b.from);
}

/** Each source file's resolver: one per tsconfig group, as graph.ts runs one cruise per group. */
async function resolutionByFile(tree: TreeSource, options: FastGraphOptions): Promise<Map<string, FileResolution>> {
  const root = tree.root;
  const alias = workspaceAliases(root, await findWorkspacePackages(tree, options.allFiles));
  const fileSystem = createFileSystem(root, tree.view); // shared: the tree does not change while we read it
  const byFile = new Map<string, FileResolution>();
  for (const group of groupByTsConfig(root, options.allFiles, options.sourceFiles, tree.view)) {
    const compilerOptions = group.parsed?.options;
    const baseUrl = compilerOptions?.baseUrl;
    const resolver = new ModuleResolver(root, { tsconfigFile: group.tsconfigFile, baseUrl, alias }, fileSystem);
    const pathPatterns = Object.keys(compilerOptions?.paths ?? {}).map(pathKeyPattern);
    const context: AliasContext = { aliasKeys: Object.keys(alias), baseUrl, pathPatterns };
    for (const file of group.files) byFile.set(file, { resolver, context });
  }
  return byFile;
}

/**
 * One edge from every site naming the same target (`./a`, `./a.js`, `@app/a`): its line and
 * specifier from the first value import (a type-only one if there is none), type-only and dynamic
 * only when every site is.
 */
function mergeSites(key: string, sites: EdgeSite[]): ModuleEdge {
  const [from, to] = key.split("\u0000") as [string, string];
  const byLine = sites.map((s) => s.site).sort((a, b) => a.line - b.line);
  const shown = byLine.find((s) => !s.typeOnly) ?? (byLine[0] as ScannedImport);
  return {
    from,
    to,
    line: shown.line,
    specifier: shown.specifier,
    typeOnly: byLine.every((s) => s.typeOnly),
    dynamic: byLine.every((s) => s.kind === "dynamic-import"),
    kinds: [...new Set(sites.flatMap((s) => [...s.targetKinds, ...siteKinds(s.site)]))],
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
