import { describe, expect, it } from "@jest/globals";
import { reviewChange, type ReviewInput } from "../../src/core/review.js";
import type { FileChange, Snapshot } from "../../src/core/model.js";
import { verdict } from "../../src/report/summary.js";
import { layeredConfig, snapshot, type EdgeSpec } from "./build.js";

function review(base: Snapshot, head: Snapshot, changes: FileChange[] = [], extra: Partial<ReviewInput> = {}) {
  return reviewChange({ base, head, changes, config: layeredConfig(), headBoundaryNames: null, configChangedFile: null, notices: [], ...extra });
}

// Two cycles inside the domain at base: a <-> b, and c -> d -> e -> c.
const cyclic: EdgeSpec[] = [
  ["src/domain/a.ts", "src/domain/b.ts", { line: 2 }],
  ["src/domain/b.ts", "src/domain/a.ts", { line: 5 }],
  ["src/domain/c.ts", "src/domain/d.ts"],
  ["src/domain/d.ts", "src/domain/e.ts"],
  ["src/domain/e.ts", "src/domain/c.ts", { line: 9 }],
];

describe("resolved cycles", () => {
  it("lists each base cycle the change broke, with its path and the removed import's base line", () => {
    const head = snapshot("h", [cyclic[0], cyclic[2], cyclic[3]] as EdgeSpec[]);
    const r = review(snapshot("b", cyclic), head);
    expect(r.newCycles).toEqual([]);
    expect(r.resolvedCycles).toEqual([
      { modules: ["src/domain/a.ts", "src/domain/b.ts"], severity: "error", typeOnly: false, line: 5 },
      { modules: ["src/domain/c.ts", "src/domain/d.ts", "src/domain/e.ts"], severity: "error", typeOnly: false, line: 9 },
    ]);
    expect(verdict(r)).toEqual({ outcome: "pass", headline: "no new architecture problems", detail: "This PR resolves 2 cycles." });
  });

  it("counts resolved violations and cycles together in the verdict", () => {
    const base = snapshot("b", [...cyclic, ["src/domain/a.ts", "src/infra/db.ts"]]);
    const head = snapshot("h", cyclic.slice(0, 1).concat(cyclic.slice(2)));
    const r = review(base, head);
    expect(r.resolvedViolations.map((v) => v.from)).toEqual(["src/domain/a.ts"]);
    expect(r.resolvedCycles.map((c) => c.modules)).toEqual([["src/domain/a.ts", "src/domain/b.ts"]]);
    expect(verdict(r).detail).toBe("This PR resolves 1 violation and 1 cycle.");
  });

  it("does not count a cycle that is still there, nor one that only moved with a renamed file", () => {
    const kept = review(snapshot("b", cyclic), snapshot("h", cyclic));
    expect(kept.resolvedCycles).toEqual([]);
    const renamed = snapshot("h", [["src/domain/a2.ts", "src/domain/b.ts"], ["src/domain/b.ts", "src/domain/a2.ts"], ...cyclic.slice(2)]);
    const r = review(snapshot("b", cyclic), renamed, [{ kind: "renamed", path: "src/domain/a2.ts", previousPath: "src/domain/a.ts" }]);
    expect(r.resolvedCycles).toEqual([]);
    expect(r.newCycles).toEqual([]);
  });

  it("follows the cycle settings: nothing when cycles are off, type-only ones only when included", () => {
    const head = snapshot("h", cyclic.slice(2));
    const off = review(snapshot("b", cyclic), head, [], { config: { ...layeredConfig(), cycles: { severity: "off", includeTypeOnly: false } } });
    expect(off.resolvedCycles).toEqual([]);
    const typeOnlyBase = snapshot("b", [["src/domain/a.ts", "src/domain/b.ts", { typeOnly: true }], ["src/domain/b.ts", "src/domain/a.ts"]]);
    expect(review(typeOnlyBase, snapshot("h", [])).resolvedCycles).toEqual([]);
    const included = review(typeOnlyBase, snapshot("h", []), [], { config: { ...layeredConfig(), cycles: { severity: "warn", includeTypeOnly: true } } });
    // The removed import a -> b (line 1) closes the cycle b -> a -> b.
    expect(included.resolvedCycles).toEqual([{ modules: ["src/domain/b.ts", "src/domain/a.ts"], severity: "warn", typeOnly: true, line: 1 }]);
  });
});
