import { describe, expect, it } from "@jest/globals";
import { findNewCycles, stronglyConnected } from "../../src/core/cycles.js";
import { edge, type EdgeSpec } from "./build.js";

const same = (p: string): string => p;
const edges = (specs: EdgeSpec[]) => specs.map(edge);
const options = { severity: "error" as const, includeTypeOnly: false };

describe("findNewCycles", () => {
  it("finds the cycle a new import closes, in cycle order, with the closing line", () => {
    const base = edges([["a", "b"], ["b", "c"]]);
    const head = edges([["a", "b"], ["b", "c"], ["c", "a", { line: 9 }]]);
    expect(findNewCycles(base, head, same, options)).toEqual([{ modules: ["a", "b", "c"], severity: "error", typeOnly: false, line: 9 }]);
  });

  it("does not report a cycle that existed at base", () => {
    const both = edges([["a", "b"], ["b", "a"], ["b", "c"]]);
    expect(findNewCycles(both, both, same, options)).toEqual([]);
  });

  it("reports the shortest cycle through a new import inside an existing tangle, once", () => {
    const base = edges([["a", "b"], ["b", "c"], ["c", "a"]]);
    const head = edges([["a", "b"], ["b", "c"], ["c", "a"], ["a", "c", { line: 4 }]]);
    expect(findNewCycles(base, head, same, options).map((c) => c.modules)).toEqual([["c", "a"]]);
  });

  it("ignores type-only cycles by default and reports them flagged when configured", () => {
    const head = edges([["a", "b"], ["b", "a", { typeOnly: true }]]);
    expect(findNewCycles([], head, same, options)).toEqual([]);
    expect(findNewCycles([], head, same, { ...options, includeTypeOnly: true })).toEqual([
      { modules: ["b", "a"], severity: "error", typeOnly: true, line: 1 },
    ]);
  });

  it("maps renamed base modules before comparing", () => {
    const base = edges([["old", "b"], ["b", "old"]]);
    const head = edges([["new", "b"], ["b", "new"]]);
    expect(findNewCycles(base, head, (p) => (p === "old" ? "new" : p), options)).toEqual([]);
  });

  it("reports a new self-import", () => {
    expect(findNewCycles([], edges([["a", "a"]]), same, options).map((c) => c.modules)).toEqual([["a"]]);
  });
});

describe("stronglyConnected", () => {
  it("groups mutually reachable nodes and survives a 20,000-deep chain", () => {
    const adj = new Map([["a", ["b"]], ["b", ["a", "c"]], ["c", []]]);
    const c = stronglyConnected(["a", "b", "c"], adj);
    expect(c.get("a")).toBe(c.get("b"));
    expect(c.get("c")).not.toBe(c.get("a"));
    const chain = new Map(Array.from({ length: 20000 }, (_, i) => [`n${i}`, [`n${i + 1}`]]));
    expect(stronglyConnected(["n0"], chain).size).toBe(20001);
  });
});
