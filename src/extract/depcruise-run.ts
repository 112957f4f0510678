// Runs dependency-cruiser over a snapshot on disk (the raw module graph): one cruise per
// tsconfig resolution group; each group keeps only its own files' dependencies. (maxDepth 1
// would parse each file once, but dependency-cruiser then skips a root it first met as a dependency.)
import type { ICruiseOptions, ICruiseResult, IModule } from "dependency-cruiser";
import type { Severity } from "../core/model.js";
import { groupByTsConfig, type TsConfigGroup } from "./tsconfig.js";
import { findWorkspacePackages, workspaceAliases } from "./workspaces.js";

/** An import as dependency-cruiser resolved it, before lines are attached. */
export interface RawEdge {
  from: string;
  to: string;
  specifier: string;
  kinds: string[];
  typeOnly: boolean;
  dynamic: boolean;
}

export interface RawForbiddenViolation {
  rule: string;
  severity: Severity;
  from: string;
  to: string;
  specifier: string | null;
  comment?: string;
}

export interface RawGraph {
  modules: string[];
  edges: RawEdge[];
  forbiddenViolations: RawForbiddenViolation[];
}

/** dependency-cruiser refused the `forbidden` rules (they are the user's, in its schema). */
export class ForbiddenRulesError extends Error {
  override name = "ForbiddenRulesError";
}

export interface GraphOptions {
  /** Repo-relative source files to analyse (already filtered by ignore globs). */
  sourceFiles: string[];
  allFiles: string[];
  forbidden: unknown[];
}

function cruiseOptions(root: string, group: TsConfigGroup, forbidden: unknown[]): ICruiseOptions {
  const options: ICruiseOptions = {
    baseDir: root,
    tsPreCompilationDeps: true,
    // Never read what resolves outside the tree (`../` from baseDir, or absolute): a link or a path out of it.
    doNotFollow: { path: "(^|/)node_modules/|^\\.\\./|^/" },
    // Only the analyses the rules need: its cycle check alone is most of a cruise, and we detect cycles ourselves.
    skipAnalysisNotInRules: true,
  };
  if (group.tsconfigFile) options.tsConfig = { fileName: group.tsconfigFile };
  if (forbidden.length > 0) {
    options.validate = true;
    options.ruleSet = { forbidden: forbidden as NonNullable<ICruiseOptions["ruleSet"]>["forbidden"] };
  }
  return options;
}

function toSeverity(s: string | undefined): Severity | null {
  if (s === "error") return "error";
  if (s === "warn" || s === "info") return "warn";
  return null;
}

export async function buildRawGraph(root: string, options: GraphOptions): Promise<RawGraph> {
  // Loaded on demand: it costs most of a second and ~40 MB, and reviews without forbidden rules never need it.
  const { cruise } = await import("dependency-cruiser");
  // Edges only between analysed modules: ignored files leave the graph entirely.
  const moduleFiles = new Set(options.sourceFiles);
  const packages = await findWorkspacePackages(root, options.allFiles);
  const alias = workspaceAliases(root, packages);
  const groups = groupByTsConfig(root, options.allFiles, options.sourceFiles);
  const edges: RawEdge[] = [];
  const forbiddenViolations: RawForbiddenViolation[] = [];
  for (const group of groups) {
    let result: ICruiseResult;
    try {
      const reported = await cruise(group.files, cruiseOptions(root, group, options.forbidden), { alias }, group.parsed ? { tsConfig: group.parsed } : {});
      result = reported.output as ICruiseResult;
    } catch (error) {
      if (options.forbidden.length > 0 && /rule ?set|forbidden|schema/i.test(String(error))) {
        throw new ForbiddenRulesError(String((error as Error).message ?? error).split("\n")[0]);
      }
      throw error;
    }
    const groupFiles = new Set(group.files);
    for (const mod of result.modules) {
      if (groupFiles.has(mod.source)) edges.push(...edgesOf(mod, moduleFiles));
    }
    for (const v of result.summary.violations) {
      const severity = toSeverity(v.rule.severity);
      if (!severity || (v.type !== undefined && v.type !== "dependency" && v.type !== "cycle")) continue;
      forbiddenViolations.push({ rule: v.rule.name, severity, from: v.from, to: v.to, specifier: v.unresolvedTo ?? null });
    }
  }
  return { modules: [...options.sourceFiles].sort(), edges: mergeEdges(edges), forbiddenViolations };
}

function edgesOf(mod: IModule, moduleFiles: Set<string>): RawEdge[] {
  return mod.dependencies
    .filter((d) => !d.coreModule && !d.couldNotResolve && moduleFiles.has(d.resolved))
    .map((d) => ({
      from: mod.source,
      to: d.resolved,
      specifier: d.module,
      kinds: [...d.dependencyTypes],
      typeOnly: d.dependencyTypes.includes("type-only") || d.dependencyTypes.includes("type-import"),
      dynamic: d.dynamic,
    }));
}

/** One edge per (from, to): several specifiers may name the same file (`./a`, `./a.js`). */
export function mergeEdges(edges: RawEdge[]): RawEdge[] {
  const byKey = new Map<string, RawEdge>();
  for (const e of edges) {
    const key = `${e.from}\u0000${e.to}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...e, kinds: [...e.kinds] });
      continue;
    }
    seen.typeOnly &&= e.typeOnly;
    seen.dynamic &&= e.dynamic;
    seen.kinds = [...new Set([...seen.kinds, ...e.kinds])];
  }
  return [...byKey.values()].sort((a, b) => (a.from === b.from ? cmp(a.to, b.to) : cmp(a.from, b.from)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
