// Boundary cohesion: relational cohesion (R+1)/N and internal components, base and head, with a
// finding when the change splits a boundary into parts that no longer import each other.
import { describe, expect, it } from "@jest/globals";
import type { FileChange, FindingOf, Snapshot } from "../../src/core/model.js";
import { reviewChange } from "../../src/core/review.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { layeredConfig, snapshot, type EdgeSpec } from "./build.js";

function review(base: Snapshot, head: Snapshot, changes: FileChange[] = []) {
  return reviewChange({ base, head, changes, config: layeredConfig(), headBoundaryNames: null, configChangedFile: null, notices: [] });
}

const cohesionFindings = (r: ReturnType<typeof review>) => r.findings.filter((f): f is FindingOf<"boundary-cohesion"> => f.kind === "boundary-cohesion");

// One connected domain at base: order -> money, order -> customer, customer -> address.
const connected: EdgeSpec[] = [
  ["src/domain/order.ts", "src/domain/money.ts", { line: 2 }],
  ["src/domain/order.ts", "src/domain/customer.ts", { line: 3 }],
  ["src/domain/customer.ts", "src/domain/address.ts", { line: 1 }],
];

describe("boundary cohesion", () => {
  it("reports a boundary the change splits into two disconnected parts, naming the parts and the import that held them", () => {
    const head = snapshot("h", [connected[0]!, connected[2]!]);
    const r = review(snapshot("b", connected), head, [{ kind: "modified", path: "src/domain/order.ts" }]);
    const domain = r.cohesion.find((c) => c.boundary === "domain");
    expect(domain).toEqual({
      boundary: "domain",
      base: { modules: 4, internalDependencies: 3, relational: 1, components: 1 },
      head: { modules: 4, internalDependencies: 2, relational: 0.75, components: 2 },
    });
    const [finding] = cohesionFindings(r);
    expect(finding).toMatchObject({
      rule: "boundary-cohesion",
      severity: "warn",
      trigger: "split",
      boundary: "domain",
      parts: [
        ["src/domain/address.ts", "src/domain/customer.ts"],
        ["src/domain/money.ts", "src/domain/order.ts"],
      ],
    });
    expect(finding?.hint).toContain("the import of `src/domain/customer.ts` in `src/domain/order.ts`, which the change removed");
  });

  it("does not call a new, not yet imported module a split, nor a cycle broken inside one component", () => {
    const added = snapshot("h", connected, { modules: ["src/domain/new-thing.ts"] });
    expect(cohesionFindings(review(snapshot("b", connected), added))).toEqual([]);
    const cyclic: EdgeSpec[] = [...connected, ["src/domain/money.ts", "src/domain/order.ts"]];
    expect(cohesionFindings(review(snapshot("b", cyclic), snapshot("h", connected)))).toEqual([]);
  });

  it("reports relational cohesion diluted past the threshold by modules the change adds", () => {
    const five: EdgeSpec[] = [...connected, ["src/domain/address.ts", "src/domain/zip.ts"]];
    const base = snapshot("b", five);
    // One module that imports nothing of the domain is no news: H = 5 / 6 = 0.83, down from 1.
    expect(cohesionFindings(review(base, snapshot("h", five, { modules: ["src/domain/x.ts"] })))).toEqual([]);
    // Five: H = (4 + 1) / 10 = 0.5, half of what it was.
    const loose = ["v", "w", "x", "y", "z"].map((n): EdgeSpec => [`src/domain/${n}.ts`, "src/app/x.ts"]);
    const [finding] = cohesionFindings(review(base, snapshot("h", [...five, ...loose])));
    expect(finding).toMatchObject({ trigger: "relational-drop", base: { relational: 1 }, head: { relational: 0.5, modules: 10 } });
  });

  it("shows cohesion base → head in the coupling table only when it moved", () => {
    const moved = renderMarkdown(review(snapshot("b", connected), snapshot("h", [connected[0]!, connected[2]!])));
    expect(moved).toContain("| Boundary | Ca | Ce | Instability | Cohesion (R+1)/N | Components |");
    expect(moved).toContain("| `domain` | 0 | 0 | 0.00 | 1.00 → 0.75 | 1 → 2 |");
    const still = renderMarkdown(review(snapshot("b", connected), snapshot("h", connected)));
    expect(still).not.toContain("Cohesion (R+1)/N");
  });
});
