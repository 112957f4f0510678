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

describe("findNewCycles on random graphs", () => {
  // Small graphs stay within the search budget, so every new import inside a tangle is shown and each finding is shortest.
  let seed = 12_345;
  const random = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((seed / 2_147_483_648) * n);
  };
  /** Length of the shortest path from `a` to `b` in the head graph (brute force BFS). */
  const distance = (adj: Map<string, string[]>, a: string, b: string): number => {
    const dist = new Map([[a, 0]]);
    for (const queue = [a]; queue.length > 0; ) {
      const node = queue.shift() as string;
      if (node === b) return dist.get(node) as number;
      for (const next of adj.get(node) ?? []) if (!dist.has(next)) queue.push(next), dist.set(next, (dist.get(node) as number) + 1);
    }
    return Infinity;
  };

  it("reports only real, shortest, distinct new cycles and shows every new import that closes one", () => {
    for (let round = 0; round < 400; round++) {
      const n = 2 + random(9);
      const specs = Array.from({ length: random(n * 3) }, (_, k): EdgeSpec => [`m${random(n)}`, `m${random(n)}`, { line: k }]);
      const head = edges(specs);
      const base = head.filter(() => random(2) === 0);
      const adj = new Map<string, string[]>();
      for (const e of head) adj.set(e.from, [...(adj.get(e.from) ?? []), e.to]);
      const found = findNewCycles(base, head, same, options);
      const baseKeys = new Set(base.map((e) => `${e.from}>${e.to}`));
      const onFound = new Set(found.flatMap((c) => c.modules.map((f, i) => `${f}>${c.modules[(i + 1) % c.modules.length]}`)));
      expect(new Set(found.map((c) => [...c.modules].sort().join())).size).toBe(found.length);
      for (const c of found) {
        const [first, last] = [c.modules[0] as string, c.modules[c.modules.length - 1] as string];
        c.modules.forEach((f, i) => expect(adj.get(f)).toContain(c.modules[(i + 1) % c.modules.length]));
        expect(baseKeys.has(`${last}>${first}`)).toBe(false);
        expect(c.modules.length).toBe(first === last ? 1 : distance(adj, first, last) + 1);
      }
      for (const e of head) {
        const closes = e.from === e.to || distance(adj, e.to, e.from) < Infinity;
        if (closes && !baseKeys.has(`${e.from}>${e.to}`)) expect(onFound.has(`${e.from}>${e.to}`)).toBe(true);
      }
    }
  });
});
