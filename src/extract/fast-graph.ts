// The module graph without dependency-cruiser: read each file once, scan its imports with the
// TypeScript scanner (fast-scan.ts) and resolve them as dependency-cruiser would (fast-resolve.ts).
// Same edges as depcruise-run.ts buildRawGraph, with lines attached, at a fraction of its time and
// memory. The review composes scanModules and resolveEdges through graph-index.ts.
import path from "node:path";
import type { CompiledEdge, CompiledExternal } from "../core/depcruise-modules.js";
import type { ExternalImport, ModuleEdge } from "../core/model.js";
import { compareExternal, describeExternal, mergeExternal, type ExternalContext } from "./fast-external.js";
import { pathKeyPattern, siteKinds, targetKinds, type AliasContext } from "./fast-kinds.js";
import { ManifestReader, type Manifest } from "./fast-manifests.js";
import { createFileSystem, ModuleResolver, type Resolution } from "./fast-resolve.js";
import { compiledSite, elideTypeOnlySites, markElidedSites } from "./fast-elision.js";
import { scanImportSites, type ScannedImport } from "./fast-scan.js";
import { compilerOptionsByFile, groupByTsConfig } from "./tsconfig.js";
import { treeSourceOf, type TreeSource } from "./tree-source.js";
import { findWorkspacePackages, workspaceAliases } from "./workspaces.js";

export interface FastGraphOptions {
  /** Repo-relative source files to analyse (already filtered by ignore globs). */
  sourceFiles: string[];
  allFiles: string[];
  /** dependency-cruiser's option: false drops imports TypeScript elides (fast-elision.ts); absent means true. */
  tsPreCompilationDeps?: boolean;
}

interface FileResolution {
  resolver: ModuleResolver;
  context: AliasContext;
}

/** The imports of some modules: edges between analysed modules, and every other import (fast-external.ts). */
export interface ResolvedImports {
  edges: ModuleEdge[];
  external: ExternalImport[];
}

interface EdgeSite {
  site: ScannedImport;
  /** targetKinds of the site's resolution, shared by every site of the same request. */
  targetKinds: string[];
}

/** How scanModules reads: with `tsPreCompilationDeps` false, TypeScript's elision applies (fast-elision.ts). */
export interface ScanOptions {
  tsPreCompilationDeps?: boolean;
  /** dependency-cruiser's `exoticRequireStrings`: calls to these are requires (kind "exotic-require"). */
  exoticRequireStrings?: readonly string[];
  /** Keep every site and mark those TypeScript elides (both views from one scan: fast-elision.ts markElidedSites). */
  markCompiled?: boolean;
  /** The tree's file list, to find each file's tsconfig (its compiler options shape the transpile). */
  allFiles?: string[];
}

/** The import sites dependency-cruiser would read in each file, from one scan (no parse). */
export async function scanModules(at: string | TreeSource, files: string[], options: ScanOptions = {}): Promise<Record<string, ScannedImport[]>> {
  const tree = treeSourceOf(at);
  const sites: Record<string, ScannedImport[]> = {};
  const elide = options.tsPreCompilationDeps === false;
  const transpiles = elide || options.markCompiled === true;
  const compilerOptions = transpiles ? compilerOptionsByFile(tree.root, options.allFiles ?? files, files, tree.view) : null;
  await tree.readEach(files, (file, text) => {
    // dependency-cruiser reads .jsx with acorn, which knows no `/// <reference>` directives.
    const directives = !file.endsWith(".jsx");
    // It also reads import declarations at the top level only.
    const read = scanImportSites(text, options.exoticRequireStrings).filter((site) => !site.nested && (site.directive === null || directives));
    if (!compilerOptions) sites[file] = read;
    else sites[file] = (elide ? elideTypeOnlySites : markElidedSites)(file, text, read, compilerOptions.get(file));
  });
  return sites;
}

/** The edges leaving `from` (modules of the tree), resolved against the tree at `root`. */
export async function resolveEdges(root: string | TreeSource, options: FastGraphOptions, sites: Record<string, ScannedImport[]>, from: Iterable<string>): Promise<ModuleEdge[]> {
  return (await resolveImports(root, options, sites, from)).edges;
}

/** The imports leaving `from`: edges to analysed modules, the rest as ExternalImports (sorted by from, line). */
export async function resolveImports(at: string | TreeSource, options: FastGraphOptions, sites: Record<string, ScannedImport[]>, from: Iterable<string>): Promise<ResolvedImports> {
  const tree = treeSourceOf(at);
  const moduleFiles = new Set(options.sourceFiles);
  const fromFiles = [...from];
  // A derive resolves a few files: their tsconfig groups and resolvers only.
  const byFile = await resolutionByFile(tree, options, fromFiles.length < moduleFiles.size ? new Set(fromFiles) : null);
  const manifests = new ManifestReader(tree.root, options.allFiles, tree.view);
  const sitesByEdge = new Map<string, EdgeSite[]>();
  const kindsByResolution = new Map<Resolution, Map<Manifest | null, string[]>>();
  const external: ExternalImport[] = [];
  for (const file of fromFiles) {
    const { resolver, context } = byFile.get(file) as FileResolution;
    const outside = new Map<string, { resolution: Resolution; sites: ScannedImport[] }>();
    for (const site of sites[file] ?? []) {
      const resolution = resolver.resolve(file, site.specifier);
      const to = resolution.resolved;
      if (to === null || !moduleFiles.has(to)) {
        collectOutside(outside, resolution, site);
        continue;
      }
      const key = `${file}\u0000${to}`;
      let edgeSites = sitesByEdge.get(key);
      if (!edgeSites) sitesByEdge.set(key, (edgeSites = []));
      // Resolutions are shared across directories; the kinds also depend on the importer's manifest.
      const manifest = manifests.nearest(file);
      let byManifest = kindsByResolution.get(resolution);
      if (!byManifest) kindsByResolution.set(resolution, (byManifest = new Map()));
      let kinds = byManifest.get(manifest);
      if (!kinds) byManifest.set(manifest, (kinds = targetKinds(resolution.module, to, context, manifest)));
      edgeSites.push({ site, targetKinds: kinds });
    }
    const externalContext: ExternalContext = { alias: context, manifests };
    for (const { resolution, sites: outsideSites } of outside.values()) {
      const described = describeExternal(file, resolution, externalContext);
      const merged: CompiledExternal = mergeExternal(file, described, outsideSites);
      const exotic = outsideSites.find((site) => site.exotic !== undefined)?.exotic;
      if (exotic !== undefined) merged.exoticRequire = exotic;
      if (outsideSites.some((site) => site.compiled !== undefined)) {
        const survivors = outsideSites.flatMap((site) => compiledSite(site) ?? []);
        merged.compiled = survivors.length === 0 ? null : compiledFacts(mergeExternal(file, described, survivors));
      }
      external.push(merged);
    }
  }
  const edges = [...sitesByEdge].map(([key, edgeSites]) => mergeSites(key, edgeSites));
  return { edges: edges.sort(compareEdges), external: external.sort(compareExternal) };
}

/** Groups one file's sites that lead outside the analysed modules by what they resolve to (a package: by its name). */
function collectOutside(outside: Map<string, { resolution: Resolution; sites: ScannedImport[] }>, resolution: Resolution, site: ScannedImport): void {
  const key = resolution.resolved ?? `\u0000${resolution.coreModule ? "core" : "bare"}\u0000${resolution.module}`;
  const known = outside.get(key);
  if (known) known.sites.push(site);
  else outside.set(key, { resolution, sites: [site] });
}

export function compareEdges(a: ModuleEdge, b: ModuleEdge): number {
  return a.from === b.from ? cmp(a.to, b.to) : cmp(a.from, b.from);
}

/** Each source file's resolver (of `only` when given): one per tsconfig group, as graph.ts runs one cruise per group. */
async function resolutionByFile(tree: TreeSource, options: FastGraphOptions, only: ReadonlySet<string> | null): Promise<Map<string, FileResolution>> {
  const root = tree.root;
  const alias = workspaceAliases(root, await findWorkspacePackages(tree, options.allFiles));
  const fileSystem = createFileSystem(root, tree.view); // shared: the tree does not change while we read it
  const byFile = new Map<string, FileResolution>();
  for (const group of groupByTsConfig(root, options.allFiles, options.sourceFiles, tree.view, only)) {
    const compilerOptions = group.parsed?.options;
    const baseUrl = compilerOptions?.baseUrl;
    // paths without a baseUrl are relative to the tsconfig declaring them (TypeScript's pathsBasePath), never the cwd.
    const pathsBase = (compilerOptions?.pathsBasePath as string | undefined) ?? (group.tsconfigFile ? path.dirname(group.tsconfigFile) : undefined);
    const resolver = new ModuleResolver(root, { tsconfigFile: group.tsconfigFile, baseUrl, pathsBase, alias }, fileSystem);
    const pathPatterns = Object.keys(compilerOptions?.paths ?? {}).map(pathKeyPattern);
    const context: AliasContext = { aliasKeys: Object.keys(alias), baseUrl, pathPatterns };
    if (baseUrl) context.baseUrlNames = namesUnder(path.relative(root, baseUrl), options.allFiles);
    for (const file of group.files) byFile.set(file, { resolver, context });
  }
  return byFile;
}

/** The first path segments (extension dropped) of the tree's files under `dir`: what a baseUrl import can name. */
function namesUnder(dir: string, allFiles: string[]): Set<string> {
  const prefix = dir === "" ? "" : `${dir.split(path.sep).join("/")}/`;
  const names = new Set<string>();
  for (const file of allFiles) if (file.startsWith(prefix)) names.add((file.slice(prefix.length).split("/")[0] as string).replace(/\..*$/, ""));
  return names;
}

/**
 * One edge from every site naming the same target (`./a`, `./a.js`, `@app/a`): its line and
 * specifier from the first value import (a type-only one if there is none), type-only and dynamic
 * only when every site is.
 */
function mergeSites(key: string, sites: EdgeSite[]): CompiledEdge {
  const edge: CompiledEdge = mergeSiteFacts(key, sites);
  if (!sites.some((s) => s.site.compiled !== undefined)) return edge;
  const survivors = sites.flatMap((s) => {
    const site = compiledSite(s.site);
    return site ? [{ site, targetKinds: s.targetKinds }] : [];
  });
  edge.compiled = survivors.length === 0 ? null : compiledFacts(mergeSiteFacts(key, survivors));
  return edge;
}

/** An edge's or external import's facts without its ends (they are the same in both views). */
function compiledFacts<T extends { from: string; to?: string }>(merged: T): Omit<T, "from" | "to"> {
  const { from: _from, to: _to, ...facts } = merged;
  return facts;
}

function mergeSiteFacts(key: string, sites: EdgeSite[]): CompiledEdge {
  const [from, to] = key.split("\u0000") as [string, string];
  const byLine = sites.map((s) => s.site).sort((a, b) => a.line - b.line);
  const shown = byLine.find((s) => !s.typeOnly) ?? (byLine[0] as ScannedImport);
  const exotic = byLine.find((s) => s.exotic !== undefined)?.exotic;
  return {
    ...(exotic !== undefined ? { exoticRequire: exotic } : {}),
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
