// dependency-cruiser rules (`forbidden`, `allowed`, `required`), from archreview.yml or
// .dependency-cruiser.json. They stay in dependency-cruiser's own schema (checked in full against it
// by depcruise-schema.ts); here: the shape archreview relies on, with precise messages, and every
// regular expression in them must be safe to run over the PR's paths.
import { isMap, isScalar, isSeq } from "yaml";
import { deref, entriesOf, fail, indexPath, readChoice, readString, type Entry, type ReadContext } from "./nodes.js";
import { regexProblem } from "./regex-safety.js";
import { MAX_EXPANDED_VALUES } from "./yaml-document.js";
import { clip } from "./yaml-errors.js";

const DEPCRUISE_SEVERITIES = ["error", "warn", "info", "ignore"] as const;
/** Conditions dependency-cruiser reads as regular expressions (a string, or a list joined with `|`); via* may hold them under `path`. */
const REGEX_KEYS = new Set(["path", "pathNot", "license", "licenseNot", "exoticRequire", "exoticRequireNot", "via", "viaNot", "viaOnly", "viaSomeNot"]);

export type RuleKind = "forbidden" | "allowed" | "required";

/** Each `forbidden` rule as a plain object, with `name` (default `forbidden-<index>`) and `severity` (default error) set. */
export function readForbidden(ctx: ReadContext, node: unknown, path: string): unknown[] {
  return nameRules(readRules(ctx, node, path, "forbidden"), "forbidden");
}

/** `name` (default `<kind>-<index>`) and `severity` (default error) set; allowed rules have neither (dependency-cruiser names them `not-in-allowed`). */
export function nameRules(rules: unknown[], kind: RuleKind): unknown[] {
  if (kind === "allowed") return rules;
  return rules.map((rule, index) => {
    const r = rule as Record<string, unknown>;
    return { ...r, name: typeof r.name === "string" ? r.name : `${kind}-${index}`, severity: typeof r.severity === "string" ? r.severity : "error" };
  });
}

/** The sides each kind of rule needs: dependency rules `from` and `to`; module rules `module` (required rules also `to`). */
function sidesOf(kind: RuleKind, entries: readonly Entry[]): string[] {
  const isModuleRule = entries.some((e) => e.name === "module");
  if (kind === "required") return ["module", "to"];
  if (kind === "forbidden" && isModuleRule) return ["module", "from"];
  return ["from", "to"];
}

/** The rules of one list as plain objects (unnamed ones left unnamed: `extends` merges them by content). */
export function readRules(ctx: ReadContext, node: unknown, path: string, kind: RuleKind): unknown[] {
  if (!isSeq(node)) fail(ctx, node, path, "expected a list of dependency-cruiser rules (objects with from and to, or module)");
  return node.items.map((item, index) => {
    const rulePath = indexPath(path, index);
    const raw = deref(ctx, item, rulePath);
    const entries = entriesOf(ctx, raw, rulePath, "a dependency-cruiser rule (an object with from and to, or module)");
    let name = `${kind}-${index}`;
    for (const entry of entries) {
      if (entry.name === "name") name = readString(ctx, entry.value, entry.path);
      if (entry.name === "severity") readChoice(ctx, entry.value, entry.path, DEPCRUISE_SEVERITIES);
    }
    for (const side of sidesOf(kind, entries)) {
      const entry = entries.find((e) => e.name === side);
      if (entry === undefined) fail(ctx, raw, `${rulePath}.${side}`, missingSide(kind, side));
    }
    for (const entry of entries.filter((e) => e.name === "from" || e.name === "to" || e.name === "module")) {
      if (!isMap(entry.value)) fail(ctx, entry.value, entry.path, "expected an object such as { path: \"^src/domain\" }");
      checkPatterns(ctx, entriesOf(ctx, entry.value, entry.path, "an object"), name);
    }
    return plain(ctx, raw, rulePath);
  });
}

function missingSide(kind: RuleKind, side: string): string {
  if (kind === "required") return `is missing: dependency-cruiser's required rules need module and to objects`;
  return `is missing: dependency-cruiser rules need both from and to objects (use {} for "any"), or a module object for a module rule`;
}

/** Refuses an unsafe or invalid regular expression in a rule's conditions, naming the rule and the key. */
export function checkPatterns(ctx: ReadContext, entries: readonly Entry[], rule: string): void {
  for (const entry of entries) {
    if (!REGEX_KEYS.has(entry.name)) continue;
    const value = entry.value;
    if (isMap(value)) {
      checkPatterns(ctx, entriesOf(ctx, value, entry.path, "an object"), rule);
    } else if (isScalar(value) && typeof value.value === "string") {
      checkPattern(ctx, value, entry.path, rule, value.value);
    } else if (isSeq(value)) {
      const parts = value.items.map((raw, i) => {
        const item = deref(ctx, raw, indexPath(entry.path, i));
        if (!isScalar(item) || typeof item.value !== "string") fail(ctx, item, indexPath(entry.path, i), `rule "${clip(rule)}": expected a regular expression (a string)`);
        checkPattern(ctx, item, indexPath(entry.path, i), rule, item.value);
        return item.value;
      });
      // dependency-cruiser joins a list into one expression.
      checkPattern(ctx, value, entry.path, rule, parts.join("|"));
    }
  }
}

export function checkPattern(ctx: ReadContext, node: unknown, key: string, rule: string, pattern: string): void {
  const problem = regexProblem(pattern);
  if (problem !== null) fail(ctx, node, key, `rule "${clip(rule)}": ${JSON.stringify(clip(pattern))} ${problem}`);
}

export function plain(ctx: ReadContext, node: unknown, path: string): Record<string, unknown> {
  try {
    // Expansion is already bounded (yaml-document.ts): the package's own alias budget would refuse legitimate reuse.
    return (node as { toJS(doc: ReadContext["doc"], options: { maxAliasCount: number }): Record<string, unknown> }).toJS(ctx.doc, { maxAliasCount: MAX_EXPANDED_VALUES });
  } catch (e) {
    // toJS throws on aliases it cannot expand (unknown anchor, too many expansions).
    fail(ctx, node, path, clip(e instanceof Error ? e.message : String(e), 200));
  }
}
