// Cycle detection stays linear on graphs a hostile PR can build: rings and chains of 10,000-100,000 modules.
// A per-import search (the old quadratic way) would take hours on these, far past jest's timeout.
import { describe, expect, it } from "@jest/globals";
import { findNewCycles } from "../../src/core/cycles.js";
import type { CycleFinding, ModuleEdge } from "../../src/core/model.js";
import { edge } from "./build.js";

const same = (p: string): string => p;
const options = { severity: "error" as const, includeTypeOnly: false };
const m = (i: number): string => `src/m${i}.ts`;
const ring = (n: number): ModuleEdge[] => Array.from({ length: n }, (_, i) => edge([m(i), m((i + 1) % n), { line: i + 1 }]));

/** Every finding is a real head cycle, closed by an import the base lacks, at the finding's line. */
function expectRealCycles(found: CycleFinding[], base: ModuleEdge[], head: ModuleEdge[]): void {
  const headKeys = new Map(head.map((e) => [`${e.from}\u0000${e.to}`, e]));
  const baseKeys = new Set(base.map((e) => `${e.from}\u0000${e.to}`));
  const problems: string[] = []; // one expect at the end: 100,000 expect calls would be the slow part
  for (const c of found) {
    const missing = c.modules.filter((from, i) => !headKeys.has(`${from}\u0000${c.modules[(i + 1) % c.modules.length]}`));
    if (missing.length > 0) problems.push(`no import from ${missing[0]} in cycle at line ${c.line}`);
    const closing = `${c.modules[c.modules.length - 1]}\u0000${c.modules[0]}`;
    if (baseKeys.has(closing)) problems.push(`cycle at line ${c.line} is closed by a base import`);
    if (headKeys.get(closing)?.line !== c.line) problems.push(`cycle at line ${c.line} is not closed by the import on that line`);
  }
  expect(problems).toEqual([]);
}

describe("findNewCycles at scale", () => {
  it("reports a new 100,000-module ring once, in cycle order, closed by its first new import", () => {
    const head = ring(100_000);
    const found = findNewCycles([], head, same, options);
    expect(found).toHaveLength(1);
    const [cycle] = found as [CycleFinding];
    expect(cycle.modules).toHaveLength(100_000);
    expect(cycle.modules.slice(0, 2)).toEqual([m(1), m(2)]);
    expect(cycle.modules[99_999]).toBe(m(0));
    expect(cycle.line).toBe(1);
  });

  it("finds the one new import that closes a 10,000-module ring whose other imports existed at base", () => {
    const head = ring(10_000);
    const base = head.filter((e) => e.from !== m(4_321));
    const found = findNewCycles(base, head, same, options);
    expect(found.map((c) => [c.modules[0], c.modules.length, c.line])).toEqual([[m(4_322), 10_000, 4_322]]);
    expectRealCycles(found, base, head);
  });

  it("finds nothing in a 100,000-module chain", () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => edge([m(i), m(i + 1)]));
    expect(findNewCycles([], chain, same, options)).toEqual([]);
  });

  it("stays bounded when 10,000 new imports each close a different long cycle through an old ring", () => {
    const base = ring(10_000);
    const fan = Array.from({ length: 9_998 }, (_, j) => edge([m(j + 1), m(0), { line: 100_000 + j }]));
    const head = [...base, ...fan];
    const found = findNewCycles(base, head, same, options);
    // The first new import always gets its shortest cycle; the others share a work budget instead of one full search each.
    expect(found[0]?.modules).toEqual([m(0), m(1)]);
    expect(found.length).toBeGreaterThan(1);
    expect(found.length).toBeLessThan(fan.length);
    expectRealCycles(found, base, head);
  });

  it("gives each of 10,000 new two-module cycles in one big tangle its own finding", () => {
    const forward = ring(10_000);
    const back = Array.from({ length: 10_000 }, (_, i) => edge([m((i + 1) % 10_000), m(i), { line: 50_000 + i }]));
    const found = findNewCycles(forward, [...forward, ...back], same, options);
    expect(found).toHaveLength(10_000);
    expect(found.filter((c) => c.modules.length !== 2)).toEqual([]);
    expectRealCycles(found, forward, [...forward, ...back]);
  });
});
