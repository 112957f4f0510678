// dependency-cruiser `forbidden` rules, from archreview.yml or .dependency-cruiser.json.
// They stay in dependency-cruiser's own schema; only what archreview relies on is checked.
import { isMap, isSeq } from "yaml";
import { deref, entriesOf, fail, indexPath, readChoice, readString, type ReadContext } from "./nodes.js";

const DEPCRUISE_SEVERITIES = ["error", "warn", "info", "ignore"] as const;

/** Each rule as a plain object, with `name` (default `forbidden-<index>`) and `severity` (default error) set. */
export function readForbidden(ctx: ReadContext, node: unknown, path: string): unknown[] {
  if (!isSeq(node)) fail(ctx, node, path, "expected a list of dependency-cruiser rules (objects with from and to)");
  return node.items.map((item, index) => {
    const rulePath = indexPath(path, index);
    const raw = deref(ctx, item, rulePath);
    const entries = entriesOf(ctx, raw, rulePath, "a dependency-cruiser rule (an object with from and to)");
    let name = `forbidden-${index}`;
    let severity: string = "error";
    for (const side of ["from", "to"]) {
      const entry = entries.find((e) => e.name === side);
      if (entry === undefined) fail(ctx, raw, `${rulePath}.${side}`, `is missing: dependency-cruiser rules need both from and to objects (use {} for "any")`);
      if (!isMap(entry.value)) fail(ctx, entry.value, entry.path, "expected an object such as { path: \"^src/domain\" }");
    }
    for (const entry of entries) {
      if (entry.name === "name") name = readString(ctx, entry.value, entry.path);
      if (entry.name === "severity") severity = readChoice(ctx, entry.value, entry.path, DEPCRUISE_SEVERITIES);
    }
    return { ...plain(ctx, raw, rulePath), name, severity };
  });
}

function plain(ctx: ReadContext, node: unknown, path: string): Record<string, unknown> {
  try {
    return (node as { toJS(doc: ReadContext["doc"]): Record<string, unknown> }).toJS(ctx.doc);
  } catch (e) {
    // toJS throws on aliases it cannot expand (unknown anchor, too many expansions).
    fail(ctx, node, path, e instanceof Error ? e.message : String(e));
  }
}
