// The dependency-cruiser part of a configuration: `forbidden`, `allowed`, `allowedSeverity`,
// `required` and `options`, as archreview.yml keys or a .dependency-cruiser.json's top level.
// Validated against dependency-cruiser's schema, every regular expression checked for safety, and
// only options that shape the graph kept (nothing that would make dependency-cruiser run code).
import { isMap, isScalar, isSeq } from "yaml";
import { checkDepcruiseSchema, type DepcruiseSchemaValidator } from "./depcruise-schema.js";
import { noteLicenseRules, noteUnappliedOption } from "./depcruise-unjudged.js";
import { checkPattern, checkPatterns, nameRules, plain, readRules, type RuleKind } from "./forbidden.js";
import { deref, entriesOf, fail, indexPath, warn, type Entry, type ReadContext } from "./nodes.js";
import type { Config, DepcruiseRules } from "./types.js";

export const DEPCRUISE_RULE_KEYS = ["forbidden", "allowed", "allowedSeverity", "required", "options"] as const;
const SEVERITIES = ["error", "warn", "info", "ignore"];

/** Options passed on to dependency-cruiser: they decide which modules and edges exist. Data only. */
const GRAPH_OPTIONS = new Set([
  "doNotFollow",
  "exclude",
  "includeOnly",
  "maxDepth",
  "moduleSystems",
  "tsPreCompilationDeps",
  "combinedDependencies",
  "preserveSymlinks",
  "exoticRequireStrings",
  "extraExtensionsToScan",
  "enhancedResolveOptions",
  "builtInModules",
  "detectJSDocImports",
  "detectProcessBuiltinModuleCalls",
  "tsConfig",
  "parser",
]);
/** Options that would change the verdict but are not applied: they load code or configuration archreview does not run. */
const REFUSED_OPTIONS: Record<string, string> = {
  webpackConfig: "a webpack config is code",
  babelConfig: "a babel config may be code",
  externalModuleResolutionStrategy: "yarn PnP resolution runs the repository's .pnp.cjs",
  knownViolations: "archreview compares base and head instead of a baseline",
};
/** Options whose value is a regular expression or a `{ path, pathNot }` object of them. */
const REGEX_OPTIONS = new Set(["doNotFollow", "exclude", "includeOnly"]);

/** The rule lists and options of one file, unnamed rules left unnamed (for `extends` merging). */
export interface RawDepcruiseConfig {
  forbidden: unknown[];
  allowed: unknown[];
  allowedSeverity?: string;
  required: unknown[];
  options: Record<string, unknown>;
}

/**
 * Reads the dependency-cruiser keys among `entries`. `validate` is dependency-cruiser's schema; `extra`
 * holds keys of the schema read elsewhere (`extends`) so that the schema sees the whole object.
 */
export function readDepcruiseKeys(ctx: ReadContext, root: unknown, entries: readonly Entry[], validate: DepcruiseSchemaValidator | undefined, extra: Record<string, unknown> = {}): RawDepcruiseConfig {
  const raw: RawDepcruiseConfig = { forbidden: [], allowed: [], required: [], options: {} };
  const data: Record<string, unknown> = { ...extra };
  for (const entry of entries) {
    if (!(DEPCRUISE_RULE_KEYS as readonly string[]).includes(entry.name)) continue;
    if (entry.name === "forbidden" || entry.name === "allowed" || entry.name === "required") {
      raw[entry.name] = readRules(ctx, entry.value, entry.path, entry.name);
      noteLicenseRules(ctx, entry.value, entry.path);
      data[entry.name] = raw[entry.name];
    } else if (entry.name === "allowedSeverity") {
      if (!isScalar(entry.value) || !SEVERITIES.includes(String(entry.value.value))) fail(ctx, entry.value, entry.path, `must be one of ${SEVERITIES.join(", ")}`);
      raw.allowedSeverity = String(entry.value.value);
      data.allowedSeverity = raw.allowedSeverity;
    } else {
      data.options = plain(ctx, entry.value, entry.path);
      raw.options = readOptions(ctx, entry);
    }
  }
  if (validate) checkDepcruiseSchema(ctx, root, data, validate, "");
  return raw;
}

/** The graph-shaping options, their regular expressions checked; tsConfig must name a file inside the repository. */
function readOptions(ctx: ReadContext, entry: Entry): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const option of entriesOf(ctx, entry.value, entry.path, "an object of dependency-cruiser options")) {
    const refused = REFUSED_OPTIONS[option.name];
    if (refused !== undefined) warn(ctx, option.keyNode, option.path, `not applied: ${refused}`);
    noteUnappliedOption(ctx, option);
    if (!GRAPH_OPTIONS.has(option.name)) continue;
    if (REGEX_OPTIONS.has(option.name)) checkOptionPatterns(ctx, option);
    if (option.name === "tsConfig") checkTsConfig(ctx, option);
    options[option.name] = plain(ctx, option.value, option.path);
  }
  return options;
}

function checkOptionPatterns(ctx: ReadContext, option: Entry): void {
  const rule = `options.${option.name}`;
  if (isMap(option.value)) checkPatterns(ctx, entriesOf(ctx, option.value, option.path, "an object"), rule);
  else if (isScalar(option.value) && typeof option.value.value === "string") checkPattern(ctx, option.value, option.path, rule, option.value.value);
  else if (isSeq(option.value)) {
    const parts = option.value.items.map((raw, i) => {
      const item = deref(ctx, raw, indexPath(option.path, i));
      const text = isScalar(item) && typeof item.value === "string" ? item.value : "";
      checkPattern(ctx, item, indexPath(option.path, i), rule, text);
      return text;
    });
    checkPattern(ctx, option.value, option.path, rule, parts.join("|"));
  }
}

function checkTsConfig(ctx: ReadContext, option: Entry): void {
  const fileName = isMap(option.value) ? option.value.get("fileName", true) : undefined;
  const name = isScalar(fileName) ? fileName.value : undefined;
  if (typeof name !== "string") return;
  const segments = name.split(/[\\/]/).filter((s) => s !== "" && s !== ".");
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || segments.includes("..")) {
    fail(ctx, fileName, `${option.path}.fileName`, `must name a file inside the repository, got "${name}"`);
  }
}

/** The graph-shaping options of a configuration read as plain data (a bundled preset). */
export function graphOptionsOf(options: unknown): Record<string, unknown> {
  if (typeof options !== "object" || options === null) return {};
  return Object.fromEntries(Object.entries(options).filter(([k]) => GRAPH_OPTIONS.has(k)));
}

/** dependency-cruiser's `extends` merge (config-utl/extract-depcruise-config/merge-configs.mjs): the extending config wins. */
export function mergeDepcruiseConfigs(extending: RawDepcruiseConfig, base: RawDepcruiseConfig): RawDepcruiseConfig {
  const allowed = uniqueBy([...extending.allowed, ...base.allowed], stableKey);
  const merged: RawDepcruiseConfig = {
    forbidden: mergeRules(extending.forbidden, base.forbidden),
    allowed,
    required: mergeRules(extending.required, base.required),
    options: { ...base.options, ...extending.options },
  };
  if (allowed.length > 0) merged.allowedSeverity = extending.allowedSeverity ?? base.allowedSeverity ?? "warn";
  return merged;
}

type Rule = Record<string, unknown>;

function mergeRules(extending: unknown[], base: unknown[]): unknown[] {
  const named = (rules: unknown[]): Rule[] => (rules as Rule[]).filter((r) => r.name);
  const anonymous = uniqueBy((extending.concat(base) as Rule[]).filter((r) => !r.name), stableKey);
  const extended = named(extending).map((rule) => named(base).filter((b) => b.name === rule.name).reduce<Rule>((all, b) => ({ ...b, ...all }), rule));
  return [...uniqueBy([...extended, ...named(base)], (r) => String(r.name)), ...anonymous];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Deep equality as a key: JSON with object keys sorted. */
function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}

/** The final rule set: unnamed rules named `<kind>-<index>`, severities defaulted to error. */
export function finishRules(raw: RawDepcruiseConfig): DepcruiseRules {
  const kinds: RuleKind[] = ["forbidden", "allowed", "required"];
  const [forbidden, allowed, required] = kinds.map((kind) => nameRules(raw[kind], kind)) as [unknown[], unknown[], unknown[]];
  const rules: DepcruiseRules = { forbidden, allowed, required, options: raw.options };
  if (allowed.length > 0) rules.allowedSeverity = raw.allowedSeverity ?? "warn";
  return rules;
}

/** The dependency-cruiser rules a config asks for, or null when it has none (options alone judge nothing). */
export function depcruiseRulesOf(config: Config): DepcruiseRules | null {
  const allowed = config.allowed ?? [];
  const required = config.required ?? [];
  if (config.forbidden.length === 0 && allowed.length === 0 && required.length === 0) return null;
  const rules: DepcruiseRules = { forbidden: config.forbidden, allowed, required, options: config.depcruiseOptions ?? {} };
  if (allowed.length > 0) rules.allowedSeverity = config.allowedSeverity ?? "warn";
  return rules;
}

/** Puts `rules` into `config`, after what it already holds (archreview.yml's keys win on options). */
export function addDepcruiseRules(config: Config, rules: DepcruiseRules): void {
  config.forbidden = [...config.forbidden, ...rules.forbidden];
  if (rules.allowed.length > 0) config.allowed = [...(config.allowed ?? []), ...rules.allowed];
  if (rules.required.length > 0) config.required = [...(config.required ?? []), ...rules.required];
  const severity = config.allowedSeverity ?? rules.allowedSeverity;
  if (severity !== undefined && (config.allowed ?? []).length > 0) config.allowedSeverity = severity;
  if (Object.keys(rules.options).length > 0) config.depcruiseOptions = { ...rules.options, ...config.depcruiseOptions };
}
