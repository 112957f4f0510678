// dependency-cruiser `forbidden` rules, from archreview.yml or .dependency-cruiser.json.
// They stay in dependency-cruiser's own schema; only what archreview relies on is checked,
// and every regular expression in them must be safe to run over the PR's paths.
import { isMap, isScalar, isSeq } from "yaml";
import { deref, entriesOf, fail, indexPath, readChoice, readString, type Entry, type ReadContext } from "./nodes.js";
import { regexProblem } from "./regex-safety.js";
import { MAX_EXPANDED_VALUES } from "./yaml-document.js";
import { clip } from "./yaml-errors.js";

const DEPCRUISE_SEVERITIES = ["error", "warn", "info", "ignore"] as const;
/** Conditions dependency-cruiser reads as regular expressions (a string, or a list joined with `|`); via* may hold them under `path`. */
const REGEX_KEYS = new Set(["path", "pathNot", "license", "licenseNot", "exoticRequire", "exoticRequireNot", "via", "viaNot", "viaOnly", "viaSomeNot"]);

/** Each rule as a plain object, with `name` (default `forbidden-<index>`) and `severity` (default error) set. */
export function readForbidden(ctx: ReadContext, node: unknown, path: string): unknown[] {
  if (!isSeq(node)) fail(ctx, node, path, "expected a list of dependency-cruiser rules (objects with from and to)");
  return node.items.map((item, index) => {
    const rulePath = indexPath(path, index);
    const raw = deref(ctx, item, rulePath);
    const entries = entriesOf(ctx, raw, rulePath, "a dependency-cruiser rule (an object with from and to)");
    let name = `forbidden-${index}`;
    let severity: string = "error";
    for (const entry of entries) {
      if (entry.name === "name") name = readString(ctx, entry.value, entry.path);
      if (entry.name === "severity") severity = readChoice(ctx, entry.value, entry.path, DEPCRUISE_SEVERITIES);
    }
    for (const side of ["from", "to"]) {
      const entry = entries.find((e) => e.name === side);
      if (entry === undefined) fail(ctx, raw, `${rulePath}.${side}`, `is missing: dependency-cruiser rules need both from and to objects (use {} for "any")`);
      if (!isMap(entry.value)) fail(ctx, entry.value, entry.path, "expected an object such as { path: \"^src/domain\" }");
      checkPatterns(ctx, entriesOf(ctx, entry.value, entry.path, "an object"), name);
    }
    return { ...plain(ctx, raw, rulePath), name, severity };
  });
}

/** Refuses an unsafe or invalid regular expression in a rule's conditions, naming the rule and the key. */
function checkPatterns(ctx: ReadContext, entries: readonly Entry[], rule: string): void {
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

function checkPattern(ctx: ReadContext, node: unknown, key: string, rule: string, pattern: string): void {
  const problem = regexProblem(pattern);
  if (problem !== null) fail(ctx, node, key, `rule "${clip(rule)}": ${JSON.stringify(clip(pattern))} ${problem}`);
}

function plain(ctx: ReadContext, node: unknown, path: string): Record<string, unknown> {
  try {
    // Expansion is already bounded (yaml-document.ts): the package's own alias budget would refuse legitimate reuse.
    return (node as { toJS(doc: ReadContext["doc"], options: { maxAliasCount: number }): Record<string, unknown> }).toJS(ctx.doc, { maxAliasCount: MAX_EXPANDED_VALUES });
  } catch (e) {
    // toJS throws on aliases it cannot expand (unknown anchor, too many expansions).
    fail(ctx, node, path, clip(e instanceof Error ? e.message : String(e), 200));
  }
}
