// A repository that declares no boundary (no config yet: the first review most users run) has no
// boundary metrics, dependencies or cohesion to compute: those are empty without a pass over every
// module and edge of both graphs (about 14 ms of a warm review of typeorm's 3,583 modules).
import { describe, expect, it } from "@jest/globals";
import type { BoundaryMatcher } from "../../src/core/boundaries.js";
import { boundaryDependencies } from "../../src/core/boundary-changes.js";
import { couplingMetrics } from "../../src/core/metrics.js";
import { reviewChange } from "../../src/core/review.js";
import { layeredConfig, snapshot } from "./build.js";

/** No boundary, and a matcher that fails the test if it is asked about any module. */
const untouchable: BoundaryMatcher = {
  names: [],
  boundaryOf: () => {
    throw new Error("asked for a boundary although none is declared");
  },
};

const graph = snapshot("h", [["src/a.ts", "src/b.ts", { line: 1 }], ["src/b.ts", "src/c.ts", { line: 2 }]]).graph;

describe("without declared boundaries", () => {
  it("coupling metrics and boundary dependencies are empty, no module looked at", () => {
    expect(couplingMetrics(graph, untouchable)).toEqual(new Map());
    expect(boundaryDependencies(graph, untouchable)).toEqual(new Map());
  });

  it("a review has no metrics or cohesion, and still finds what needs no boundary", () => {
    const config = { ...layeredConfig(), boundaries: [], rules: [] };
    const base = snapshot("b", [["src/a.ts", "src/b.ts", { line: 1 }]]);
    const head = snapshot("h", [["src/a.ts", "src/b.ts", { line: 1 }], ["src/b.ts", "src/a.ts", { line: 3 }]]);
    const r = reviewChange({ base, head, changes: [{ kind: "modified", path: "src/b.ts" }], config, headBoundaryNames: null, configChangedFile: null, notices: [] });
    expect([r.metrics, r.cohesion]).toEqual([[], []]);
    expect(r.newCycles.map((c) => [...c.modules].sort())).toEqual([["src/a.ts", "src/b.ts"]]);
  });
});
