// Runs dependency-cruiser over a snapshot on disk (the raw module graph): one cruise per
// tsconfig resolution group; each group keeps only its own files' dependencies. (maxDepth 1
// would parse each file once, but dependency-cruiser then skips a root it first met as a dependency.)
import type { ICruiseOptions, ICruiseResult, IModule } from "dependency-cruiser";
import type { DepcruiseRules } from "../config/types.js";
import type { Severity } from "../core/model.js";
import { groupByTsConfig, type TsConfigGroup } from "./tsconfig.js";
import { ForbiddenRulesError } from "./forbidden-rules-error.js";
import { findWorkspacePackages, workspaceAliases } from "./workspaces.js";
import { importEsm } from "./esm-import.js";

export { ForbiddenRulesError };

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
  /** dependency-cruiser's violation type when the rule judges a module, not an import (module, reachability, folder, instability). */
  ruleType?: string;
}

export interface RawGraph {
  modules: string[];
  edges: RawEdge[];
  forbiddenViolations: RawForbiddenViolation[];
}

export interface GraphOptions {
  /** Repo-relative source files to analyse (already filtered by ignore globs). */
  sourceFiles: string[];
  allFiles: string[];
  forbidden: unknown[];
  /** Every rule kind and the graph-shaping options; supersedes `forbidden` when given. */
  rules?: DepcruiseRules | null;
}

/** Our own guard: never follow what resolves outside the tree (`../` from baseDir, or absolute), or into node_modules. */
const OWN_DO_NOT_FOLLOW = "(^|/)node_modules/|^\\.\\./|^/";
type RuleSet = NonNullable<ICruiseOptions["ruleSet"]>;

function rulesOf(options: GraphOptions): DepcruiseRules | null {
  if (options.rules) return options.rules;
  return options.forbidden.length > 0 ? { forbidden: options.forbidden, allowed: [], required: [], options: {} } : null;
}

/** A regex option (`"a"`, `["a", "b"]` or `{ path }`) as one expression, or null when it has none. */
function pathPattern(value: unknown): string | null {
  const raw = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { path?: unknown }).path : value;
  if (typeof raw === "string") return raw;
  if (Array.isArray(raw) && raw.length > 0) return raw.join("|");
  return null;
}

/** The user's graph-shaping options (already allowlisted by the config layer) under archreview's own guards. */
function userOptions(given: Record<string, unknown>): Partial<ICruiseOptions> {
  const { tsConfig: _ownDiscovery, doNotFollow, ...rest } = given;
  const theirs = pathPattern(doNotFollow);
  const types = typeof doNotFollow === "object" && doNotFollow !== null && !Array.isArray(doNotFollow) ? (doNotFollow as { dependencyTypes?: unknown }).dependencyTypes : undefined;
  const combined: Record<string, unknown> = { path: theirs === null ? OWN_DO_NOT_FOLLOW : `${OWN_DO_NOT_FOLLOW}|${theirs}` };
  if (Array.isArray(types)) combined.dependencyTypes = types;
  return { ...(rest as Partial<ICruiseOptions>), doNotFollow: combined as ICruiseOptions["doNotFollow"] };
}

function cruiseOptions(root: string, group: TsConfigGroup, rules: DepcruiseRules | null): ICruiseOptions {
  const options: ICruiseOptions = {
    tsPreCompilationDeps: true,
    // Never read what resolves outside the tree (`../` from baseDir, or absolute): a link or a path out of it.
    doNotFollow: { path: OWN_DO_NOT_FOLLOW },
    ...(rules ? userOptions(rules.options) : {}),
    baseDir: root,
    // Only the analyses the rules need: its cycle check alone is most of a cruise, and we detect cycles ourselves.
    skipAnalysisNotInRules: true,
  };
  if (group.tsconfigFile) options.tsConfig = { fileName: group.tsconfigFile };
  if (rules) {
    options.validate = true;
    options.ruleSet = ruleSetOf(rules);
  }
  return options;
}

function ruleSetOf(rules: DepcruiseRules): RuleSet {
  const ruleSet: RuleSet = { forbidden: rules.forbidden as RuleSet["forbidden"] };
  if (rules.allowed.length > 0) {
    ruleSet.allowed = rules.allowed as RuleSet["allowed"];
    ruleSet.allowedSeverity = (rules.allowedSeverity ?? "warn") as RuleSet["allowedSeverity"];
  }
  if (rules.required.length > 0) ruleSet.required = rules.required as RuleSet["required"];
  return ruleSet;
}

/** The violation types archreview reports: one import, a cycle, or a module (module, required and reachability rules). */
const REPORTED_TYPES = new Set(["dependency", "cycle", "module", "reachability"]);

function toSeverity(s: string | undefined): Severity | null {
  if (s === "error") return "error";
  if (s === "warn" || s === "info") return "warn";
  return null;
}

export async function buildRawGraph(root: string, options: GraphOptions): Promise<RawGraph> {
  // Loaded on demand: it costs most of a second and ~40 MB, and reviews without forbidden rules never need it.
  const { cruise } = await importEsm<typeof import("dependency-cruiser")>("dependency-cruiser");
  // Edges only between analysed modules: ignored files leave the graph entirely.
  const moduleFiles = new Set(options.sourceFiles);
  const packages = await findWorkspacePackages(root, options.allFiles);
  const alias = workspaceAliases(root, packages);
  const groups = groupByTsConfig(root, options.allFiles, options.sourceFiles);
  const edges: RawEdge[] = [];
  const forbiddenViolations: RawForbiddenViolation[] = [];
  const rules = rulesOf(options);
  for (const group of groups) {
    let result: ICruiseResult;
    try {
      const reported = await cruise(group.files, cruiseOptions(root, group, rules), { alias }, group.parsed ? { tsConfig: group.parsed } : {});
      result = reported.output as ICruiseResult;
    } catch (error) {
      if (rules !== null && /rule ?set|forbidden|allowed|required|schema/i.test(String(error))) {
        throw new ForbiddenRulesError(String((error as Error).message ?? error).split("\n")[0]);
      }
      throw error;
    }
    const groupFiles = new Set(group.files);
    for (const mod of result.modules) {
      if (groupFiles.has(mod.source)) edges.push(...edgesOf(mod, moduleFiles));
    }
    forbiddenViolations.push(...violationsOf(result, groups.length > 1 ? groupFiles : null));
  }
  return { modules: [...options.sourceFiles].sort(), edges: mergeEdges(edges), forbiddenViolations: uniqueViolations(forbiddenViolations) };
}

/** The cruise's violations; with several tsconfig groups, only those of the group's own modules (each judged with its own resolution). */
function violationsOf(result: ICruiseResult, groupFiles: Set<string> | null): RawForbiddenViolation[] {
  const out: RawForbiddenViolation[] = [];
  for (const v of result.summary.violations) {
    const severity = toSeverity(v.rule.severity);
    const type = v.type ?? "dependency";
    if (!severity || !REPORTED_TYPES.has(type) || (groupFiles !== null && !groupFiles.has(v.from))) continue;
    const violation: RawForbiddenViolation = { rule: v.rule.name, severity, from: v.from, to: v.to, specifier: v.unresolvedTo ?? null };
    if (type !== "dependency" && type !== "cycle") violation.ruleType = type;
    out.push(violation);
  }
  return out;
}

function uniqueViolations(violations: RawForbiddenViolation[]): RawForbiddenViolation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.rule}\u0000${v.from}\u0000${v.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
