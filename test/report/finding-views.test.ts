// The view table is complete by construction: the compiler rejects a views object that misses a
// finding kind (the @ts-expect-error below fails `tsc -p test/tsconfig.json` if that ever stops).
import { describe, expect, it } from "@jest/globals";
import type { FindingKind } from "../../src/core/model.js";
import { FINDING_KINDS, FINDING_VIEWS, type FindingViews } from "../../src/report/finding-views.js";
import { renderCheckRun } from "../../src/report/check-run.js";
import { boundaryViolation, emptyReview } from "./sample-review.js";

const { "large-class": _left, ...withoutLargeClass } = FINDING_VIEWS;
// @ts-expect-error a views object without the `large-class` view does not type-check
const incomplete: FindingViews = withoutLargeClass;

describe("finding views", () => {
  it("has one view per kind, each with its own SARIF rule id", () => {
    const kinds: Record<FindingKind, true> = { config: true, boundary: true, forbidden: true, stability: true, cycle: true, "oversized-file": true, "complex-function": true, "large-class": true, "unanalysable-file": true, "low-cohesion-class": true, "boundary-cohesion": true, "mixed-concerns": true, "boundary-fan-out": true };
    expect([...FINDING_KINDS].sort()).toEqual(Object.keys(kinds).sort());
    const ids = FINDING_KINDS.map((k) => FINDING_VIEWS[k].sarif.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(incomplete)).not.toContain("large-class");
  });

  it("puts the rule's comment in the annotation, as plain text", () => {
    const finding = { ...boundaryViolation("src/domain/a.ts", "src/infrastructure/db.ts", 3), allowed: ["shared"], reason: { comment: "the `domain` stays pure" } };
    const [annotation] = renderCheckRun(emptyReview({ findings: [finding] }), { failOn: "error" }).annotations;
    expect(annotation?.message).toBe("src/domain/a.ts imports src/infrastructure/db.ts: domain may only import shared, not infrastructure: the domain stays pure.");
  });
});
