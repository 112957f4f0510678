// What of a dependency-cruiser configuration archreview reads but cannot judge: rules that use
// `license` / `licenseNot` (nothing of the reviewed repository is installed, so no package has a
// license to match), and options it does not apply. Each gets one notice at its key, never silence.
import { isMap, isNode, isSeq } from "yaml";
import { plain } from "./forbidden.js";
import { deref, entriesOf, indexPath, warn, type Entry, type ReadContext } from "./nodes.js";

const LICENSE_KEYS = ["license", "licenseNot"];

/** Options that change dependency-cruiser's graph but are not applied, with the value that changes nothing. */
const UNAPPLIED_OPTIONS: Record<string, { unchanged: (value: unknown) => boolean; why: string }> = {
  maxDepth: { unchanged: (v) => v === 0, why: "archreview reads every module of the tree, at any depth" },
  moduleSystems: { unchanged: (v) => sameSet(v, ["es6", "cjs", "tsd", "amd"]), why: "archreview reads every module system" },
  combinedDependencies: { unchanged: (v) => v === false, why: "archreview reads each package.json of the tree on its own" },
  preserveSymlinks: { unchanged: (v) => v === false, why: "archreview never follows links out of the reviewed tree" },
  extraExtensionsToScan: { unchanged: (v) => Array.isArray(v) && v.length === 0, why: "archreview reads only the source extensions it parses" },
  enhancedResolveOptions: { unchanged: (v) => typeof v === "object" && v !== null && Object.keys(v).length === 0, why: "archreview configures its resolver as dependency-cruiser's defaults do" },
};

function sameSet(value: unknown, expected: string[]): boolean {
  return Array.isArray(value) && value.length === new Set(value).size && value.length === expected.length && expected.every((e) => value.includes(e));
}

/** One notice per rule of `node` (a rule list) that uses license or licenseNot, at the first such key. */
export function noteLicenseRules(ctx: ReadContext, node: unknown, path: string): void {
  if (!isSeq(node)) return;
  node.items.forEach((item, index) => {
    const rulePath = indexPath(path, index);
    const rule = deref(ctx, item, rulePath);
    if (!isMap(rule)) return;
    const entries = entriesOf(ctx, rule, rulePath, "a dependency-cruiser rule");
    const name = entries.find((e) => e.name === "name");
    const label = name && typeof plainValue(ctx, name) === "string" ? `rule \`${String(plainValue(ctx, name))}\`` : "this rule";
    for (const side of entries.filter((e) => ["from", "to", "module"].includes(e.name) && isMap(e.value))) {
      const key = entriesOf(ctx, side.value, side.path, "an object").find((e) => LICENSE_KEYS.includes(e.name));
      if (!key) continue;
      warn(ctx, key.keyNode, key.path, `${label} never matches: \`${key.name}\` needs each package's installed package.json, and archreview does not install the reviewed repository`);
      return;
    }
  });
}

/** A notice when `option` is one archreview does not apply, set to a value that would change dependency-cruiser's graph. */
export function noteUnappliedOption(ctx: ReadContext, option: Entry): void {
  const unapplied = UNAPPLIED_OPTIONS[option.name];
  if (!unapplied || unapplied.unchanged(plainValue(ctx, option))) return;
  warn(ctx, option.keyNode, option.path, `not applied: ${unapplied.why}; dependency-cruiser's own run may see other modules or edges`);
}

function plainValue(ctx: ReadContext, entry: Entry): unknown {
  return isNode(entry.value) ? (plain(ctx, entry.value, entry.path) as unknown) : null;
}
