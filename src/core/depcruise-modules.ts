// archreview's own module graph as dependency-cruiser's `modules` array (its IModule format), so
// that its own derive and validate code judges the rules on it (ADR 0007): the modules and
// dependencies its extraction would list for the same tree and options, without reading a file.
import type { ExternalImport, ModuleEdge, ModuleGraph } from "./model.js";

/** One dependency as dependency-cruiser's extraction describes it (the attributes its rules read). */
export interface DcDependency {
  module: string;
  resolved: string;
  moduleSystem: string;
  dependencyTypes: string[];
  dynamic: boolean;
  exoticallyRequired: boolean;
  /** The exotic require string it was required with (rules' `exoticRequire` / `exoticRequireNot` read it). */
  exoticRequire?: string;
  coreModule: boolean;
  couldNotResolve: boolean;
  followable: boolean;
  matchesDoNotFollow: boolean;
  circular: boolean;
  preCompilationOnly?: boolean;
  cycle?: { name: string; dependencyTypes: string[] }[];
}

export interface DcModule {
  source: string;
  dependencies: DcDependency[];
  /** Set on modules only reached as a leaf (externals, doNotFollow targets), as extract/index.mjs toDependencyAsModule does. */
  followable?: boolean;
  coreModule?: boolean;
  couldNotResolve?: boolean;
  matchesDoNotFollow?: boolean;
  dependencyTypes?: string[];
}

/**
 * An edge of a graph built with both views (extract/graph-index.ts, elision "mark"): `compiled` is
 * what dependency-cruiser sees with `tsPreCompilationDeps: false`, after TypeScript's transpile
 * (null: every import of it is elided); absent when it sees the edge as it is.
 */
export interface CompiledEdge extends ModuleEdge {
  compiled?: Omit<ModuleEdge, "from" | "to"> | null;
  /** The `exoticRequireStrings` entry of an exotic require of it (kinds then hold "exotic-require"). */
  exoticRequire?: string;
}

/** An external import with its `tsPreCompilationDeps: false` view and exotic require name, as CompiledEdge. */
export interface CompiledExternal extends ExternalImport {
  compiled?: Omit<ExternalImport, "from"> | null;
  exoticRequire?: string;
}

/** The import as the view of `options` has it: TypeScript's output when type-only imports are not dependencies. */
function viewed<T extends { typeOnly: boolean; compiled?: object | null }>(item: T, options: DcGraphOptions): T | null {
  if (options.tsPreCompilationDeps !== false) return item;
  if (item.compiled === null) return null;
  const seen = item.compiled === undefined ? item : { ...item, ...item.compiled };
  return seen.typeOnly ? null : seen;
}

/** The graph-shaping options after dependency-cruiser's own normalisation (regular expressions as strings). */
export interface DcGraphOptions {
  exclude: { path?: string; dynamic?: boolean };
  includeOnly?: { path?: string };
  doNotFollow: { path?: string; dependencyTypes?: string[] };
  /**
   * Type-only imports are dependencies (true), are dropped as TypeScript drops them from its output
   * (false), or are kept and marked `preCompilationOnly` ("specify": extract-dependencies.mjs).
   */
  tsPreCompilationDeps: boolean | "specify";
}

const compiled = new Map<string, RegExp>();
function test(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined || pattern === "") return false;
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern)));
  return re.test(value);
}

/** extract-dependencies.mjs: `cjs` for require, `tsd` for triple-slash directives, `es6` for the rest. */
function moduleSystemOf(kinds: string[]): string {
  if (kinds.includes("require") || kinds.includes("exotic-require") || kinds.includes("import-equals")) return "cjs";
  if (kinds.includes("triple-slash-directive")) return "tsd";
  return "es6";
}

/** extract-dependencies.mjs sorts each module's dependencies by this key (localeCompare). */
const sortKey = (d: DcDependency): string => `${d.module} ${d.moduleSystem} ${d.dependencyTypes.includes("type-only")}`;
// localeCompare's own order, without building a collator per comparison.
const localeOrder = new Intl.Collator().compare;
const bySortKey = (a: DcDependency, b: DcDependency): number => localeOrder(sortKey(a), sortKey(b));

function doNotFollow(options: DcGraphOptions, resolved: string, types: string[]): boolean {
  const byTypes = options.doNotFollow.dependencyTypes;
  return test(options.doNotFollow.path, resolved) || (byTypes !== undefined && types.some((t) => byTypes.includes(t)));
}

/** With "specify", a dependency absent from the compiled output is marked (extract/helpers.mjs detectPreCompilationNess). */
function preCompilation(options: DcGraphOptions, typeOnly: boolean, kinds: string[]): { types: string[]; flag: { preCompilationOnly?: boolean } } {
  if (options.tsPreCompilationDeps !== "specify") return { types: [...kinds], flag: {} };
  const types = typeOnly && !kinds.includes("pre-compilation-only") ? [...kinds, "pre-compilation-only"] : [...kinds];
  return { types, flag: { preCompilationOnly: typeOnly } };
}

/** An import to an analysed module is followable; anything else (a package, a built-in, a data file) is a leaf. */
interface ImportFacts {
  specifier: string;
  resolved: string;
  types: string[];
  typeOnly: boolean;
  dynamic: boolean;
  coreModule: boolean;
  couldNotResolve: boolean;
  analysed: boolean;
  exoticRequire: string | undefined;
}

function dependencyOf(i: ImportFacts, options: DcGraphOptions): DcDependency {
  const { types, flag } = preCompilation(options, i.typeOnly, i.types);
  const stopped = doNotFollow(options, i.resolved, types);
  return {
    module: i.specifier,
    resolved: i.resolved,
    moduleSystem: moduleSystemOf(i.types),
    dependencyTypes: types,
    dynamic: i.dynamic,
    exoticallyRequired: i.exoticRequire !== undefined,
    ...(i.exoticRequire !== undefined ? { exoticRequire: i.exoticRequire } : {}),
    coreModule: i.coreModule,
    couldNotResolve: i.couldNotResolve,
    // Nothing outside the analysed modules is read: a package, a built-in or a data file is a leaf.
    followable: i.analysed && !stopped,
    matchesDoNotFollow: stopped,
    circular: false,
    ...flag,
  };
}

const fromEdge = (edge: CompiledEdge, options: DcGraphOptions): DcDependency =>
  dependencyOf({ specifier: edge.specifier, resolved: edge.to, types: edge.kinds, typeOnly: edge.typeOnly, dynamic: edge.dynamic, coreModule: false, couldNotResolve: false, analysed: true, exoticRequire: edge.exoticRequire }, options);

const fromExternal = (e: CompiledExternal, options: DcGraphOptions): DcDependency =>
  dependencyOf({ specifier: e.specifier, resolved: e.resolved, types: e.dependencyTypes, typeOnly: e.typeOnly, dynamic: e.dynamic, coreModule: e.coreModule, couldNotResolve: e.couldNotResolve, analysed: false, exoticRequire: e.exoticRequire }, options);

/** Whether a dependency survives `exclude` and `includeOnly` (extract-dependencies.mjs, extract/index.mjs). */
function kept(options: DcGraphOptions, d: DcDependency): boolean {
  if (test(options.exclude.path, d.resolved)) return false;
  if (options.includeOnly?.path !== undefined && !test(options.includeOnly.path, d.resolved)) return false;
  return options.exclude.dynamic === undefined || options.exclude.dynamic !== d.dynamic;
}

/** The modules dependency-cruiser starts from: the analysed modules its file gathering keeps (gather-initial-sources.mjs). */
function startModules(graph: ModuleGraph, options: DcGraphOptions): string[] {
  return graph.modules.filter((m) => !test(options.exclude.path, m) && !test(options.doNotFollow.path, m) && (options.includeOnly?.path === undefined || test(options.includeOnly.path, m)));
}

function dependenciesByModule(graph: ModuleGraph, options: DcGraphOptions): Map<string, DcDependency[]> {
  const byModule = new Map<string, DcDependency[]>();
  const add = (from: string, d: DcDependency): void => {
    if (!kept(options, d)) return;
    const list = byModule.get(from);
    if (list) list.push(d);
    else byModule.set(from, [d]);
  };
  for (const edge of graph.edges as CompiledEdge[]) {
    const seen = viewed(edge, options);
    if (seen) add(edge.from, fromEdge(seen, options));
  }
  for (const external of (graph.external ?? []) as CompiledExternal[]) {
    const seen = viewed(external, options);
    if (seen) add(external.from, fromExternal(seen, options));
  }
  return byModule;
}

/**
 * dependency-cruiser's modules for `graph`: every start module and what it follows, with its
 * dependencies sorted as its extraction sorts them, then each leaf (a dependency it does not
 * follow) once, in the order it is first met (extract/index.mjs `complete`).
 */
export function depcruiseModules(graph: ModuleGraph, options: DcGraphOptions): DcModule[] {
  const byModule = dependenciesByModule(graph, options);
  const analysed = new Set(graph.modules);
  const visited = new Set<string>();
  const modules: DcModule[] = [];
  const leaves = new Set<string>();
  const visit = (source: string): void => {
    const stack = [source];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      if (visited.has(current)) continue;
      visited.add(current);
      const dependencies = (byModule.get(current) ?? []).sort(bySortKey);
      modules.push({ source: current, dependencies });
      for (const d of [...dependencies].reverse()) if (d.followable && analysed.has(d.resolved) && !visited.has(d.resolved)) stack.push(d.resolved);
    }
  };
  for (const start of startModules(graph, options)) visit(start);
  const followed = new Set(modules.map((m) => m.source));
  for (const m of [...modules]) {
    for (const d of m.dependencies) {
      if (d.followable || followed.has(d.resolved) || leaves.has(d.resolved)) continue;
      leaves.add(d.resolved);
      modules.push({ source: d.resolved, followable: d.followable, coreModule: d.coreModule, couldNotResolve: d.couldNotResolve, matchesDoNotFollow: d.matchesDoNotFollow, dependencyTypes: d.dependencyTypes, dependencies: [] });
    }
  }
  return modules;
}
