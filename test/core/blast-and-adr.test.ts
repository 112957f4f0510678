import { describe, expect, it } from "@jest/globals";
import { planAdr } from "../../src/core/adr-plan.js";
import { blastRadius } from "../../src/core/blast-radius.js";
import { changesForAdr } from "../../src/core/boundary-changes.js";
import type { BoundaryChange, Violation } from "../../src/core/model.js";
import { snapshot } from "./build.js";

describe("blastRadius", () => {
  it("counts the modules that transitively import the changed ones", () => {
    const g = snapshot("h", [["b", "a"], ["c", "b"], ["d", "c"], ["x", "y"]]).graph;
    expect(blastRadius(g, ["a", "README.md"])).toEqual({ changedModules: 1, dependents: 3, top: [{ module: "a", dependents: 3 }] });
  });
});

describe("planAdr", () => {
  it("numbers after the highest existing record of the conventional directory", () => {
    expect(planAdr(["docs/adr/0001-a.md", "docs/adr/0012-b.md", "docs/adr/README.md", "src/x.ts"], null, null)).toEqual({ directory: "docs/adr", number: 13 });
  });

  it("prefers the configured directory, then .adr-dir, then the default", () => {
    const files = ["doc/arch/0003-x.md", "docs/decisions/0009-y.md"];
    expect(planAdr(files, "doc/arch/", "ignored")).toEqual({ directory: "doc/arch", number: 4 });
    expect(planAdr(files, null, "doc/arch\n")).toEqual({ directory: "doc/arch", number: 4 });
    expect(planAdr(files, null, null)).toEqual({ directory: "docs/decisions", number: 10 });
    expect(planAdr([], null, null)).toEqual({ directory: "docs/adr", number: 1 });
  });
});

describe("blastRadius total", () => {
  it("is never below one changed module's count: a changed module importing another changed one counts", () => {
    // a and b changed; b imports a, c imports b. a's dependents are b and c; the total must say 2, not 1.
    const g = snapshot("h", [["b", "a"], ["c", "b"]]).graph;
    const r = blastRadius(g, ["a", "b"]);
    expect(r.top).toEqual([{ module: "a", dependents: 2 }, { module: "b", dependents: 1 }]);
    expect(r.dependents).toBe(2);
  });

  it("does not count a changed module as its own dependent through a cycle", () => {
    // a <-> x: x imports a and a imports x, so a reaches itself; only x depends on a.
    const g = snapshot("h", [["x", "a"], ["a", "x"], ["y", "x"]]).graph;
    const r = blastRadius(g, ["a"]);
    expect(r.top).toEqual([{ module: "a", dependents: 2 }]);
    expect(r.dependents).toBe(2);
  });

  it("equals the union of the per-module counts on a tangled graph", () => {
    const edges: [string, string][] = [["b", "a"], ["c", "b"], ["a", "c"], ["d", "c"], ["e", "d"], ["f", "e"], ["g", "a"], ["h", "g"], ["h", "e"]];
    const g = snapshot("h", edges).graph;
    const changed = ["a", "c", "e", "g"];
    const importers = (m: string): string[] => edges.filter(([, to]) => to === m).map(([from]) => from);
    const reach = (m: string): Set<string> => {
      const seen = new Set<string>();
      const queue = importers(m);
      while (queue.length > 0) {
        const n = queue.shift() as string;
        if (n === m || seen.has(n)) continue;
        seen.add(n);
        queue.push(...importers(n));
      }
      return seen;
    };
    const union = new Set(changed.flatMap((m) => [...reach(m)]));
    const r = blastRadius(g, changed);
    expect(r.dependents).toBe(union.size);
    for (const t of r.top) expect(r.dependents).toBeGreaterThanOrEqual(t.dependents);
  });
});

describe("changesForAdr", () => {
  const violation = (fromBoundary: string, toBoundary: string): Violation => ({
    kind: "boundary", rule: `${fromBoundary}-not-${toBoundary}`, severity: "error", from: "f", to: "t", line: 1, fromBoundary, toBoundary, message: "m",
  });
  const changes: BoundaryChange[] = [
    { kind: "new-dependency", from: "domain", to: "infra", imports: [] },
    { kind: "new-dependency", from: "infra", to: "shared", imports: [] },
    { kind: "removed-dependency", from: "ui", to: "infra", imports: [] },
    { kind: "boundary-added", boundary: "payments" },
    { kind: "boundary-removed", boundary: "legacy" },
    { kind: "config-changed", file: ".github/archreview.yml" },
  ];

  it("keeps decisions: an allowed new dependency, boundaries added or removed, the config edited", () => {
    expect(changesForAdr(changes, [violation("domain", "infra")]).map((c) => [c.kind, c.from ?? c.boundary ?? c.file])).toEqual([
      ["new-dependency", "infra"],
      ["boundary-added", "payments"],
      ["boundary-removed", "legacy"],
      ["config-changed", ".github/archreview.yml"],
    ]);
  });

  it("proposes nothing for a plain violation or a removed dependency", () => {
    expect(changesForAdr([changes[0] as BoundaryChange, changes[2] as BoundaryChange], [violation("domain", "infra")])).toEqual([]);
  });

  it("still records a new dependency that only a stability heuristic questions", () => {
    const stability: Violation = { ...violation("infra", "shared"), kind: "stability", rule: "stable-dependencies" };
    expect(changesForAdr([changes[1] as BoundaryChange], [stability])).toEqual([changes[1]]);
  });
});
