// mergeVerdicts (core/depcruise-locality.ts): the base's verdicts on unaffected modules and the new ones,
// in dependency-cruiser's summary order. The new ones are placed by binary search when the base's come
// sorted; the result is always what a stable sort of the concatenation gives (compared on random lists,
// sorted and not, with ties between base and new verdicts).
import { describe, expect, it } from "@jest/globals";
import { mergeVerdicts } from "../../src/core/depcruise-locality.js";
import type { ForbiddenViolation } from "../../src/core/model.js";

const SEVERITY: Record<string, string> = { "no-circular": "error", "not-to-test": "error", "no-orphans": "warn", "only-info": "info" };
const rank = (v: ForbiddenViolation): number => ({ error: 1, warn: 2, info: 3, ignore: 4 })[SEVERITY[v.rule] as "error"] ?? -1;
const collate = new Intl.Collator().compare;
const order = (a: ForbiddenViolation, b: ForbiddenViolation): number => Math.sign(rank(a) - rank(b)) || collate(a.rule, b.rule) || collate(a.from, b.from) || collate(a.to, b.to);

/** The definition: a stable sort of the unaffected base verdicts followed by the new ones. */
const reference = (base: ForbiddenViolation[], affected: Set<string>, recomputed: ForbiddenViolation[]): ForbiddenViolation[] =>
  [...base.filter((v) => !affected.has(v.from)), ...recomputed].sort(order);

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function verdicts(next: () => number, count: number, tag: string): ForbiddenViolation[] {
  const rules = Object.keys(SEVERITY);
  const files = ["src/a.ts", "src/B.ts", "src/b.ts", "src/é.ts", "src/c/d.ts", "test/x.ts"];
  return Array.from({ length: count }, (_, i) => ({
    rule: rules[Math.floor(next() * rules.length)] as string,
    severity: "error",
    from: files[Math.floor(next() * files.length)] as string,
    to: files[Math.floor(next() * files.length)] as string,
    line: i,
    comment: tag, // tells a base verdict from a new one that sorts equal
  }));
}

describe("mergeVerdicts", () => {
  it("equals a stable sort of the merged lists, the base's verdicts sorted or not", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const raw = verdicts(next, Math.floor(next() * 40), "base");
      const base = seed % 2 === 0 ? [...raw].sort(order) : raw;
      const affected = new Set(["src/a.ts", "test/x.ts"].filter(() => next() < 0.5));
      const recomputed = verdicts(next, Math.floor(next() * 6), "new");
      expect(mergeVerdicts(base, affected, recomputed, (rule) => SEVERITY[rule] as string)).toEqual(reference(base, affected, recomputed));
    }
  });
});
