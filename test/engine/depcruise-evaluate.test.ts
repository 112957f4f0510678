// The dependency-cruiser internals archreview loads by file URL (ADR 0007), and the one step it
// replaces: cycles marked per strongly connected component must equal dependency-cruiser's own
// derive/circular.mjs on the whole graph, for every dependency (circular flag and cycle path).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "@jest/globals";
import type { DcModule } from "../../src/core/depcruise-modules.js";
import { depcruiseViolations, markCycles } from "../../src/engine/depcruise-evaluate.js";
import { DEPCRUISE_INTERNAL_FILES, loadDepcruiseInternals } from "../../src/engine/depcruise-internals.js";
import { depcruisePackageDir } from "../../src/extract/depcruise-package.js";

type DeriveCycles = (modules: unknown[], options: Record<string, unknown>) => DcModule[];

/** A small deterministic generator, so a failure names a reproducible seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A graph with cycles of every size, self-imports, and edges that leave their component. */
function randomModules(seed: number, size: number, degree: number): DcModule[] {
  const next = random(seed);
  const names = Array.from({ length: size }, (_, i) => `src/m${String(i).padStart(3, "0")}.ts`);
  return names.map((source) => {
    const targets = new Set<string>();
    const count = Math.floor(next() * degree * 2);
    for (let i = 0; i < count; i++) targets.add(names[Math.floor(next() * size)] as string);
    const dependencies = [...targets].map((resolved) => ({
      module: `./${path.basename(resolved, ".ts")}`,
      resolved,
      moduleSystem: "es6",
      dependencyTypes: next() < 0.2 ? ["local", "type-only", "import"] : ["local", "import"],
      dynamic: false,
      exoticallyRequired: false,
      coreModule: false,
      couldNotResolve: false,
      followable: true,
      matchesDoNotFollow: false,
      circular: false,
    }));
    return { source, dependencies };
  });
}

const flags = (modules: DcModule[]) => modules.flatMap((m) => m.dependencies.map((d) => ({ from: m.source, to: d.resolved, circular: d.circular, cycle: d.cycle ?? null })));

describe("dependency-cruiser's internals, loaded by file URL", () => {
  it("finds every file and export it relies on in the installed version (an upgrade that moves one fails here)", async () => {
    const internals = await loadDepcruiseInternals();
    for (const [file, , ours] of DEPCRUISE_INTERNAL_FILES) {
      expect([file, typeof internals[ours]]).toEqual([file, "function"]);
    }
  });
});

describe("markCycles", () => {
  it("marks exactly the dependencies, with exactly the cycles, that dependency-cruiser's own derive step marks", async () => {
    const url = pathToFileURL(path.join(depcruisePackageDir(), "src", "analyze", "derive", "circular.mjs")).href;
    const deriveCycles = ((await import(url)) as { default: DeriveCycles }).default;
    let circular = 0;
    for (const [seed, size, degree] of [
      [1, 30, 1.5],
      [2, 60, 2],
      [3, 120, 1.2],
      [4, 200, 2.5],
      [5, 15, 4],
    ] as const) {
      const ours = randomModules(seed, size, degree);
      const theirs = deriveCycles(randomModules(seed, size, degree), { pSourceAttribute: "source", pDependencyName: "resolved", pSkipAnalysisNotInRules: false });
      markCycles(ours);
      expect([seed, flags(ours)]).toEqual([seed, flags(theirs)]);
      circular += flags(ours).filter((f) => f.circular).length;
    }
    // The graphs do have cycles (else the equality would prove nothing).
    expect(circular).toBeGreaterThan(50);
  });

  it("marks a module that imports itself", () => {
    const modules = randomModules(9, 1, 0);
    (modules[0] as DcModule).dependencies.push({ ...randomModules(7, 2, 3)[0]!.dependencies[0]!, resolved: "src/m000.ts", module: "./m000" });
    markCycles(modules);
    expect(modules[0]!.dependencies.map((d) => [d.circular, d.cycle?.map((c) => c.name)])).toEqual([[true, ["src/m000.ts"]]]);
  });
});

describe("depcruiseViolations", () => {
  it("judges a hand-built graph: a cycle (once, with its path), a built-in, an unresolvable import, an orphan", async () => {
    const edge = (from: string, to: string, line: number) => ({ from, to, line, specifier: `./${path.basename(to, ".ts")}`, typeOnly: false, dynamic: false, kinds: ["local", "import"] });
    const graph = {
      modules: ["src/a.ts", "src/b.ts", "src/lonely.ts"],
      edges: [edge("src/a.ts", "src/b.ts", 1), edge("src/b.ts", "src/a.ts", 2)],
      external: [
        { from: "src/a.ts", specifier: "fs", line: 3, resolved: "fs", dependencyTypes: ["core"], coreModule: true, couldNotResolve: false, dynamic: false, typeOnly: false },
        { from: "src/b.ts", specifier: "./gone", line: 4, resolved: "./gone", dependencyTypes: ["unknown"], coreModule: false, couldNotResolve: true, dynamic: false, typeOnly: false },
      ],
      sites: {
        "src/a.ts": [{ specifier: "./b", line: 1, typeOnly: false }, { specifier: "fs", line: 3, typeOnly: false }],
        "src/b.ts": [{ specifier: "./a", line: 2, typeOnly: false }, { specifier: "./gone", line: 4, typeOnly: false }],
      },
    };
    const violations = await depcruiseViolations(graph, {
      forbidden: [
        { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
        { name: "no-core", severity: "warn", from: {}, to: { dependencyTypes: ["core"] } },
        { name: "not-to-unresolvable", severity: "error", from: {}, to: { couldNotResolve: true } },
        { name: "no-orphans", severity: "warn", from: { orphan: true }, to: {} },
      ],
      allowed: [],
      required: [],
      options: {},
    });
    const shown = violations.map((v) => [v.rule, v.from, v.to, v.line, v.cycle ?? null, v.ruleType ?? null]);
    expect(shown).toEqual(
      expect.arrayContaining([
        // dependency-cruiser's summary lists a cycle once (is-same-violation.mjs), from its first import in its order.
        ["no-circular", "src/a.ts", "src/b.ts", 1, ["src/b.ts", "src/a.ts"], null],
        ["not-to-unresolvable", "src/b.ts", "./gone", 4, null, null],
        ["no-core", "src/a.ts", "fs", 3, null, null],
        ["no-orphans", "src/lonely.ts", "src/lonely.ts", null, null, "module"],
      ]),
    );
    expect(shown).toHaveLength(4);
  });
});
