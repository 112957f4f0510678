import { describe, it, expect } from "@jest/globals";
import { MAX_MERMAID_CHARS, renderBoundaryGraph } from "../../src/report/mermaid.js";
import { boundaryViolation, emptyReview, sampleReview } from "./sample-review.js";

describe("renderBoundaryGraph", () => {
  it("is null when the PR touches no boundary", () => {
    expect(renderBoundaryGraph(emptyReview())).toBeNull();
  });

  it("sanitises node ids and quotes labels", () => {
    const graph = renderBoundaryGraph(
      emptyReview({
        boundaryChanges: [
          { kind: "new-dependency", from: "web-ui/admin", to: "end", imports: [{ from: "a.ts", to: "b.ts", line: 1 }] },
          { kind: "boundary-added", boundary: 'core "x" <b>' },
          { kind: "boundary-added", boundary: "web ui/admin" },
        ],
      }),
    );
    expect(graph).toBe(
      [
        "flowchart LR",
        '  b_core__x___b_["core #34;x#34; #60;b#62; (added)"]',
        '  b_end["end"]',
        '  b_web_ui_admin["web ui/admin (added)"]',
        '  b_web_ui_admin_2["web-ui/admin"]',
        '  b_web_ui_admin_2 -->|"1 import"| b_end',
      ].join("\n"),
    );
  });

  it("draws removed dependencies dotted and colors the edges that carry a new violation", () => {
    const graph = renderBoundaryGraph(
      emptyReview({
        boundaryChanges: [
          { kind: "new-dependency", from: "ui", to: "api", imports: [] },
          { kind: "removed-dependency", from: "ui", to: "db" },
          { kind: "new-dependency", from: "domain", to: "db", imports: [] },
        ],
        // domain → db is a new dependency; app → db already existed but gains a violation.
        findings: [boundaryViolation("src/d.ts", "src/db.ts", 1, "domain", "db"), boundaryViolation("src/x.ts", "src/db.ts", 2, "app", "db")],
      }),
    )!;
    const edges = graph.split("\n").filter((l) => l.includes("|"));
    expect(edges).toEqual([
      '  b_ui -->|"0 imports"| b_api',
      '  b_domain -->|"0 imports"| b_db',
      '  b_app -->|"1 violation"| b_db',
      '  b_ui -.->|"removed"| b_db',
    ]);
    expect(graph.split("\n").at(-1)).toBe("  linkStyle 1,2 stroke:#d73a49");
  });

  it("gives up rather than exceed the size GitHub renders", () => {
    const many = Array.from({ length: 2_000 }, (_, i) => ({ kind: "new-dependency" as const, from: `boundary-number-${i}`, to: `other-boundary-${i}`, imports: [] }));
    expect(renderBoundaryGraph(emptyReview({ boundaryChanges: many }))).toBeNull();
    expect(renderBoundaryGraph(sampleReview())!.length).toBeLessThan(MAX_MERMAID_CHARS);
  });
});
