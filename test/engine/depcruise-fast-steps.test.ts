// The two steps archreview runs in place of dependency-cruiser's own code must give exactly what its
// code gives: ComponentCycles.cycle == IndexedModuleGraph.getCycle for every import of dense random
// tangles (duplicate imports of one module, self-imports included), and the bucketed summary ==
// summarize-modules.mjs (same violations, same order) on random graphs validated by its own steps.
import { describe, expect, it } from "@jest/globals";
import { ComponentCycles, type CycleModule } from "../../src/core/depcruise-cycles.js";
import { depcruiseModules, type DcGraphOptions } from "../../src/core/depcruise-modules.js";
import { markCycles } from "../../src/engine/depcruise-evaluate.js";
import { loadDepcruiseInternals } from "../../src/engine/depcruise-internals.js";
import { summarizeModules } from "../../src/engine/depcruise-summary.js";
import { editedGraph, random, randomGraph } from "./depcruise-random-graphs.js";

/** A tangle: every module imports a few others (sometimes twice, with other types, or itself). */
function tangle(seed: number, size: number, degree: number): CycleModule[] {
  const next = random(seed);
  const names = Array.from({ length: size }, (_, i) => `src/t${i}.ts`);
  return names.map((source) => {
    const dependencies: CycleModule["dependencies"] = [];
    const count = 1 + Math.floor(next() * degree * 2);
    for (let i = 0; i < count; i++) {
      const resolved = names[Math.floor(next() * size)] as string;
      dependencies.push({ resolved, dependencyTypes: next() < 0.3 ? ["local", "type-only", "import"] : ["local", "import"] });
      if (next() < 0.1) dependencies.push({ resolved, dependencyTypes: ["local", "require"] });
    }
    return { source, dependencies };
  });
}

describe("ComponentCycles", () => {
  it("finds, for every import, the cycle dependency-cruiser's getCycle finds", async () => {
    const { IndexedModuleGraph } = await loadDepcruiseInternals();
    let found = 0;
    let longest = 0;
    for (const [seed, size, degree] of [
      [1, 8, 1.5],
      [2, 30, 1.2],
      [3, 60, 2],
      [4, 120, 1.6],
      [5, 200, 3],
      [6, 12, 5],
    ] as const) {
      const modules = tangle(seed, size, degree);
      const theirs = new IndexedModuleGraph(modules);
      const ours = new ComponentCycles(modules);
      for (const m of modules) {
        for (const d of m.dependencies) {
          const expected = theirs.getCycle(m.source, d.resolved);
          expect([seed, m.source, d.resolved, ours.cycle(m.source, d.resolved)]).toEqual([seed, m.source, d.resolved, expected]);
          if (expected.length > 0) found++;
          longest = Math.max(longest, expected.length);
        }
      }
      expect(ours.cycle(modules[0]!.source, "src/not-a-module.ts")).toEqual(theirs.getCycle(modules[0]!.source, "src/not-a-module.ts"));
    }
    // Not vacuous: many imports are on cycles, some of them long.
    expect(found).toBeGreaterThan(500);
    expect(longest).toBeGreaterThan(10);
  });
});

const SHAPE: DcGraphOptions = { exclude: {}, doNotFollow: {}, tsPreCompilationDeps: true };

const RULE_SETS: Record<string, unknown>[] = [
  {
    forbidden: [
      { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
      { name: "cycle-via-b", severity: "warn", from: {}, to: { circular: true, via: { path: "^src/b/" } } },
      { name: "type-only-in-folder", severity: "info", from: { path: "^src/([^/]+)/" }, to: { path: "^src/$1/", dependencyTypes: ["type-only"] } },
      { name: "not-to-unresolvable", severity: "error", from: {}, to: { couldNotResolve: true } },
    ],
  },
  // One name for a cycle rule and a plain rule: the summary compares across the two, so it must fall back.
  { forbidden: [{ name: "mixed", severity: "warn", from: {}, to: { circular: true } }, { name: "mixed", severity: "warn", from: { path: "^src/a/" }, to: { path: "^src/" } }] },
  // An invalid module (orphans): dependency-cruiser's own summary.
  { forbidden: [{ name: "no-orphans", severity: "warn", from: { orphan: true }, to: {} }, { name: "no-circular", severity: "error", from: {}, to: { circular: true } }] },
  { forbidden: [{ name: "no-circular", severity: "error", from: {}, to: { circular: true } }], allowed: [{ from: {}, to: { path: "^src/(a|b|c)/" } }], allowedSeverity: "warn" },
];

describe("summarizeModules (bucketed)", () => {
  it("lists what dependency-cruiser's summarize-modules lists, in its order", async () => {
    const dc = await loadDepcruiseInternals();
    let listed = 0;
    let merged = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const next = random(seed);
      const base = randomGraph(next, 40 + seed * 15, 1.5 + (seed % 3) * 0.5);
      for (const graph of [base, editedGraph(base, ["add-back-edge", "delete"], next)]) {
        for (const raw of RULE_SETS) {
          const ruleSet = dc.normalizeRuleSet(raw);
          const cruise = dc.normalizeCruiseOptions({ ruleSet, validate: true }, ["."]);
          const built = depcruiseModules(graph, SHAPE);
          markCycles(built);
          let modules: unknown[] = dc.addDependents(built, cruise);
          modules = dc.deriveOrphans(modules, cruise);
          modules = dc.addValidations(modules, ruleSet, true);
          const theirs = dc.summarizeModules(modules, ruleSet);
          expect([seed, summarizeModules(dc, modules, ruleSet)]).toEqual([seed, theirs]);
          listed += theirs.length;
          const invalid = (modules as { dependencies: { valid: boolean; rules?: unknown[] }[] }[]).flatMap((m) => m.dependencies.filter((d) => !d.valid).flatMap((d) => d.rules ?? []));
          merged += invalid.length - theirs.filter((v) => v.type !== "module").length;
        }
      }
    }
    // Not vacuous: many violations, and many of them merged (one cycle reached from several imports).
    expect(listed).toBeGreaterThan(2000);
    expect(merged).toBeGreaterThan(200);
  });
});
