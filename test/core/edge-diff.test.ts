// edgesAdded / edgesRemoved of a review: the merge walk over sorted graphs gives what the keyed
// comparison gives, in the same order, for sorted graphs (what extract builds) and unsorted ones.
import { describe, expect, it } from "@jest/globals";
import type { EdgeRef, ModuleEdge } from "../../src/core/model.js";
import { reviewChange } from "../../src/core/review.js";
import { edge, layeredConfig, snapshot, type EdgeSpec } from "./build.js";
import { seededRandom } from "../helpers/seeded-random.js";


const NAMES = ["src/domain/a.ts", "src/domain/b.ts", "src/app/c.ts", "src/app/c.tsx", "src/infra/d.ts", "src/infra/d/e.ts", "lib/f.ts", "lib/f-g.ts"];

function edges(rnd: () => number, count: number): EdgeSpec[] {
  return Array.from({ length: count }, () => [NAMES[Math.floor(rnd() * NAMES.length)] as string, NAMES[Math.floor(rnd() * NAMES.length)] as string]);
}

const byEnds = (a: EdgeSpec, b: EdgeSpec): number => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1);

/** The definition: an edge is added when no base edge has its ends (and removed the other way), in list order. */
function expected(base: ModuleEdge[], head: ModuleEdge[]): { added: EdgeRef[]; removed: EdgeRef[] } {
  const has = (list: ModuleEdge[], e: ModuleEdge) => list.some((o) => o.from === e.from && o.to === e.to);
  return {
    added: head.filter((e) => !has(base, e)).map(({ from, to }) => ({ from, to })),
    removed: base.filter((e) => !has(head, e)).map(({ from, to }) => ({ from, to })),
  };
}

function diffOf(base: EdgeSpec[], head: EdgeSpec[]) {
  const review = reviewChange({ base: snapshot("b", base), head: snapshot("h", head), changes: [], config: layeredConfig(), headBoundaryNames: null, configChangedFile: null, notices: [] });
  return { added: review.edgesAdded, removed: review.edgesRemoved };
}

/** A snapshot over every name with these very edge objects. */
const withEdges = (sha: string, list: ModuleEdge[]) => ({ ...snapshot(sha, [], { modules: NAMES }), graph: { modules: [...NAMES].sort(), edges: list } });

describe("edge diff of a review", () => {
  it("equals the keyed definition on 300 generated pairs, sorted (duplicates included) or not", () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = seededRandom(seed);
      const sorted = seed % 3 !== 0; // every third pair unsorted
      const [base, head] = [edges(rnd, Math.floor(rnd() * 12)), edges(rnd, Math.floor(rnd() * 12))].map((list) => (sorted ? list.sort(byEnds) : list)) as [EdgeSpec[], EdgeSpec[]];
      const got = diffOf(base, head);
      expect({ seed, ...got }).toEqual({ seed, ...expected(base.map(edge), head.map(edge)) });
      if (got.added.length > 0 && got.removed.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it("equals the definition when the head shares its unchanged edges' objects with the base, as a derived head does", () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = seededRandom(seed);
      const base = edges(rnd, Math.floor(rnd() * 14)).sort(byEnds).map(edge);
      const fresh = edges(rnd, Math.floor(rnd() * 4)).map(edge);
      const head = [...base.filter(() => rnd() < 0.8), ...fresh].sort((a, b) => byEnds([a.from, a.to], [b.from, b.to]));
      const review = reviewChange({ base: withEdges("b", base), head: withEdges("h", head), changes: [], config: layeredConfig(), headBoundaryNames: null, configChangedFile: null, notices: [] });
      expect({ seed, added: review.edgesAdded, removed: review.edgesRemoved }).toEqual({ seed, ...expected(base, head) });
      if (review.edgesAdded.length > 0 && review.edgesRemoved.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(40);
  });

  it("keeps an edge present on both sides out of both lists, at the start, middle and end", () => {
    const base: EdgeSpec[] = [["a.ts", "b.ts"], ["a.ts", "c.ts"], ["b.ts", "c.ts"], ["c.ts", "d.ts"]];
    const head: EdgeSpec[] = [["a.ts", "b.ts"], ["a.ts", "d.ts"], ["b.ts", "c.ts"], ["c.ts", "d.ts"], ["d.ts", "a.ts"]];
    expect(diffOf(base, head)).toEqual({ added: [{ from: "a.ts", to: "d.ts" }, { from: "d.ts", to: "a.ts" }], removed: [{ from: "a.ts", to: "c.ts" }] });
  });
});
