// dependency-cruiser's own analysis and validation steps, loaded by file URL from the installed
// package (its `exports` do not expose them: STACK.md pitfall 16), or from a bundle's copy of them
// (importDepcruiseModule). The version is pinned (~17.4) and checked by depcruisePackageDir; a
// file that moved or lost its export fails here, loudly, naming it.
import { importDepcruiseModule } from "../extract/depcruise-package.js";

type Fn = (...args: never[]) => unknown;

/** The steps of analyze-modules.mjs and summarize, minus cycle detection (ADR 0007: ours, per strongly connected component) and the summary's de-duplication scan (depcruise-summary.ts). */
export interface DepcruiseInternals {
  normalizeRuleSet(ruleSet: unknown): Record<string, unknown>;
  normalizeCruiseOptions(options: Record<string, unknown>, files: string[]): Record<string, unknown>;
  addDependents(modules: unknown[], options: Record<string, unknown>): unknown[];
  deriveOrphans(modules: unknown[], options: Record<string, unknown>): unknown[];
  deriveReachable(modules: unknown[], ruleSet: unknown): unknown[];
  deriveModuleMetrics(modules: unknown[], options: Record<string, unknown>): unknown[];
  addValidations(modules: unknown[], ruleSet: unknown, validate: boolean): unknown[];
  aggregateToFolders(modules: unknown[], options: Record<string, unknown>): { folders?: unknown[] };
  summarizeModules(modules: unknown[], ruleSet: unknown): DcViolation[];
  summarizeFolders(folders: unknown[], ruleSet: unknown): DcViolation[];
  /** The three pieces of summarizeModules that depcruise-summary.ts uses to de-duplicate without its quadratic scan. */
  findRuleByName(ruleSet: unknown, name: string): unknown;
  compareViolations(a: DcViolation, b: DcViolation): number;
  isSameViolation(a: DcViolation, b: DcViolation): boolean;
  /** Its compiled-pattern cache grows with every `$1` substitution: emptied after each evaluation, as a cruise does. */
  clearRegExpCache(): void;
  /** The getCycle that core/depcruise-cycles.ts ports; kept loaded (and checked) as the reference its tests compare with. */
  IndexedModuleGraph: new (modules: unknown[], attribute?: string) => { getCycle(from: string, to: string): { name: string; dependencyTypes: string[] }[] };
}

/** A violation as dependency-cruiser's summary lists it. */
export interface DcViolation {
  type?: string;
  from: string;
  to: string;
  unresolvedTo?: string;
  rule: { name: string; severity: string };
  cycle?: { name: string; dependencyTypes: string[] }[];
}

/** Each internal this file reads: [file under src/, export name, our name]. Listed, so a test can check every one. */
export const DEPCRUISE_INTERNAL_FILES: readonly (readonly [string, string, keyof DepcruiseInternals])[] = [
  ["main/rule-set/normalize.mjs", "default", "normalizeRuleSet"],
  ["main/options/normalize.mjs", "normalizeCruiseOptions", "normalizeCruiseOptions"],
  ["analyze/derive/dependents.mjs", "default", "addDependents"],
  ["analyze/derive/orphan/index.mjs", "default", "deriveOrphans"],
  ["analyze/derive/reachable.mjs", "default", "deriveReachable"],
  ["analyze/derive/metrics/index.mjs", "default", "deriveModuleMetrics"],
  ["analyze/add-validations.mjs", "default", "addValidations"],
  ["analyze/derive/folders/index.mjs", "default", "aggregateToFolders"],
  ["analyze/summarize/summarize-modules.mjs", "default", "summarizeModules"],
  ["analyze/summarize/summarize-folders.mjs", "default", "summarizeFolders"],
  ["graph-utl/rule-set.mjs", "findRuleByName", "findRuleByName"],
  ["graph-utl/compare.mjs", "compareViolations", "compareViolations"],
  ["analyze/summarize/is-same-violation.mjs", "default", "isSameViolation"],
  ["graph-utl/indexed-module-graph.mjs", "default", "IndexedModuleGraph"],
  ["utl/regex-util.mjs", "clearRegExpCache", "clearRegExpCache"],
];

export class DepcruiseInternalsMoved extends Error {
  constructor(file: string, exported: string, cause?: unknown) {
    const why = cause === undefined ? `has no ${exported === "default" ? "default export" : `export ${exported}`}` : `cannot be loaded (${String((cause as Error).message ?? cause).split("\n")[0]})`;
    super(`dependency-cruiser's ${file} ${why}: its internals moved; archreview supports 17.4.x`);
    this.name = "DepcruiseInternalsMoved";
  }
}

let loaded: Promise<DepcruiseInternals> | null = null;

/** Loads the internals once per process. */
export function loadDepcruiseInternals(): Promise<DepcruiseInternals> {
  loaded ??= (async () => {
    const entries: [string, Fn][] = [];
    // One at a time: they share modules, and jest's ESM loader fails concurrent imports of a shared one.
    for (const [file, exported, ours] of DEPCRUISE_INTERNAL_FILES) {
      const module = await importDepcruiseModule(file).catch((error: unknown) => {
        throw new DepcruiseInternalsMoved(file, exported, error);
      });
      const value = module[exported];
      if (typeof value !== "function") throw new DepcruiseInternalsMoved(file, exported);
      entries.push([ours, value as Fn]);
    }
    return Object.fromEntries(entries) as unknown as DepcruiseInternals;
  })();
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}
