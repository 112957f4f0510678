// The head judged from the base's verdicts (depcruiseHeadViolations) must equal the head judged
// in full (depcruiseViolations), verdict for verdict and in the same order, on random graphs with
// edits that create and break cycles, rename, delete and add modules, and move import lines; and
// it must fall back to a full evaluation for rules that read graph-wide facts.
import { describe, expect, it } from "@jest/globals";
import type { DepcruiseRules } from "../../src/config/types.js";
import { rulesAreLocal } from "../../src/core/depcruise-locality.js";
import { depcruiseHeadViolations, depcruiseViolations, type JudgedGraph } from "../../src/engine/depcruise-evaluate.js";
import { editedGraph, randomGraph, random, type Edit } from "./depcruise-random-graphs.js";

const LOCAL_RULES: DepcruiseRules = {
  forbidden: [
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
    { name: "no-circular-via-b", severity: "info", from: { path: "^src/a/" }, to: { circular: true, via: { path: "^src/b/" } } },
    { name: "only-via-c", severity: "warn", from: {}, to: { circular: true, viaOnly: { path: "^src/c/" } } },
    { name: "same-folder-type-only", severity: "warn", from: { path: "^src/([^/]+)/" }, to: { path: "^src/$1/", dependencyTypes: ["type-only"] } },
    { name: "not-to-unresolvable", severity: "error", from: {}, to: { couldNotResolve: true } },
    { name: "no-npm-from-c", severity: "info", from: { path: "^src/c/" }, to: { dependencyTypes: ["npm"] } },
    { name: "ignored", severity: "ignore", from: {}, to: { path: "^src/a/" } },
  ],
  allowed: [],
  required: [],
  options: {},
};

const EDITS: Edit[] = ["add-edge", "add-back-edge", "remove-edge", "rename", "delete", "add-module", "shift-lines", "add-external", "retype-edge"];

async function compare(base: JudgedGraph, head: JudgedGraph, rules: DepcruiseRules): Promise<{ judged: number | null; count: number }> {
  const baseVerdicts = await depcruiseViolations(base, rules);
  const full = await depcruiseViolations(head, rules);
  const incremental = await depcruiseHeadViolations({ graph: base, violations: baseVerdicts }, head, rules);
  expect(incremental.violations).toEqual(full);
  return { judged: incremental.judged, count: full.length };
}

describe("depcruiseHeadViolations with rules about one import", () => {
  it("equals the full evaluation after every kind of edit, judging only part of the graph", async () => {
    let judgedLess = 0;
    let violations = 0;
    let changedVerdicts = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const next = random(seed);
      const base = randomGraph(next, 40 + seed * 3, 1.6);
      for (const edit of EDITS) {
        const head = editedGraph(base, [edit, EDITS[Math.floor(next() * EDITS.length)] as Edit], next);
        const before = (await depcruiseViolations(base, LOCAL_RULES)).length;
        const { judged, count } = await compare(base, head, LOCAL_RULES);
        expect(judged).not.toBeNull();
        if ((judged as number) < head.modules.length / 2) judgedLess++;
        violations += count;
        if (count !== before) changedVerdicts++;
      }
    }
    // Not vacuous: the graphs have violations, edits change them, and most heads are judged in part.
    expect(violations).toBeGreaterThan(1000);
    expect(changedVerdicts).toBeGreaterThan(50);
    expect(judgedLess).toBeGreaterThan(100);
  });

  it("judges a change that closes a cycle through a large tangle like the full evaluation", async () => {
    const next = random(99);
    const base = randomGraph(next, 300, 2.4);
    for (const edit of ["add-back-edge", "remove-edge", "delete", "rename"] as Edit[]) {
      const { count } = await compare(base, editedGraph(base, [edit], next), LOCAL_RULES);
      expect(count).toBeGreaterThan(10);
    }
  });

  it("with tsPreCompilationDeps false and doNotFollow, as the full evaluation", async () => {
    const rules: DepcruiseRules = { ...LOCAL_RULES, options: { tsPreCompilationDeps: false, doNotFollow: { path: "^src/d/" }, exclude: { path: "^src/e/x1" } } };
    for (let seed = 30; seed < 36; seed++) {
      const next = random(seed);
      const base = randomGraph(next, 60, 2);
      for (const edit of EDITS) await compare(base, editedGraph(base, [edit], next), rules);
    }
  });
});

describe("depcruiseHeadViolations with rules that read the whole graph", () => {
  const graphWide: [string, Partial<DepcruiseRules>][] = [
    ["orphan", { forbidden: [{ name: "no-orphans", severity: "warn", from: { orphan: true }, to: {} }] }],
    ["reachable", { forbidden: [{ name: "unreachable", severity: "warn", from: { path: "^src/a/" }, to: { path: "^src/c/", reachable: false } }] }],
    ["dependents", { forbidden: [{ name: "shared", severity: "warn", module: { path: "^src/b/", numberOfDependentsLessThan: 2 }, from: {}, to: {} }] }],
    ["allowed", { allowed: [{ from: {}, to: { path: "^src/(a|b)/" } }], allowedSeverity: "warn" }],
    ["required", { required: [{ name: "uses-a", severity: "warn", module: { path: "^src/c/" }, to: { path: "^src/a/" } }] }],
    ["folder", { forbidden: [{ name: "folder-cycle", severity: "warn", scope: "folder", from: {}, to: { circular: true } }] }],
    ["duplicate names", { forbidden: [LOCAL_RULES.forbidden[0], { ...(LOCAL_RULES.forbidden[4] as object), name: "no-circular" }] }],
  ];
  for (const [what, part] of graphWide) {
    it(`falls back to a full evaluation for ${what}`, async () => {
      const rules: DepcruiseRules = { forbidden: [], allowed: [], required: [], options: {}, ...part };
      const next = random(7);
      const base = randomGraph(next, 50, 1.5);
      const { judged } = await compare(base, editedGraph(base, ["delete", "add-edge"], next), rules);
      expect(judged).toBeNull();
    });
  }

  it("classifies the bench's rules (no-circular and a path rule) as local", () => {
    expect(rulesAreLocal({ forbidden: LOCAL_RULES.forbidden })).toBe(true);
    expect(rulesAreLocal({ forbidden: [{ name: "x", from: {}, to: { circular: true, someFutureKey: 1 } }] })).toBe(false);
  });
});
