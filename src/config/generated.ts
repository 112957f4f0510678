// `generated: { ignore, include }` and `limits.growth`: which touched files are left out of size
// findings as generated, and how much an already-too-large thing must grow to be reported again.
import { isScalar } from "yaml";
import { readGlobs } from "./boundaries.js";
import { DEFAULT_GENERATED, DEFAULT_GROWTH } from "./defaults.js";
import { describe, entriesOf, fail, isNull, rejectUnknownKeys, type Entry, type ReadContext } from "./nodes.js";
import type { GeneratedFiles, LimitGrowth } from "./types.js";

/** `generated: { ignore: ["src/api/**"], include: ["src/api/hand-written.ts"] }` */
export function readGenerated(ctx: ReadContext, entry: Entry): GeneratedFiles {
  const generated: GeneratedFiles = { ignore: [...DEFAULT_GENERATED.ignore], include: [...DEFAULT_GENERATED.include] };
  const entries = entriesOf(ctx, entry.value, entry.path, 'a mapping such as { ignore: ["src/api/**"], include: [] }');
  rejectUnknownKeys(ctx, entries, ["ignore", "include"], "generated");
  for (const e of entries) {
    if (isNull(e.value)) continue;
    generated[e.name as "ignore" | "include"] = readGlobs(ctx, e.value, e.path, true);
  }
  return generated;
}

function readNonNegativeInteger(ctx: ReadContext, node: unknown, key: string): number {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) fail(ctx, node, key, `must be a whole number, 0 or more, got ${describe(node)}`);
  return value as number;
}

/** `growth: { percent: 10, fileLines: 50, functionComplexity: 3, publicMethods: 2 }`, any subset. */
export function readGrowth(ctx: ReadContext, entry: Entry): LimitGrowth {
  const growth: LimitGrowth = { ...DEFAULT_GROWTH };
  const entries = entriesOf(ctx, entry.value, entry.path, "a mapping such as { percent: 10, fileLines: 50 }");
  rejectUnknownKeys(ctx, entries, ["percent", "fileLines", "functionComplexity", "publicMethods"], "limits.growth");
  for (const e of entries) growth[e.name as keyof LimitGrowth] = readNonNegativeInteger(ctx, e.value, e.path);
  return growth;
}
