import { describe, it, expect } from "@jest/globals";
import type { Review } from "../../src/core/model.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { boundaryViolation, sampleReview } from "./sample-review.js";

function hugeReview(violations: number): Review {
  const review = sampleReview();
  // The sample's two new violations give way to `violations` boundary violations.
  const others = review.findings.filter((f) => f.status === "resolved" || (f.kind !== "boundary" && f.kind !== "stability"));
  review.findings = [...Array.from({ length: violations }, (_, i) => boundaryViolation(`src/domain/module-${i}.ts`, "src/infrastructure/db.ts", i + 1)), ...others];
  review.counts = { errors: violations + 2, warnings: 4 };
  return review;
}

const violationRows = (text: string): number => text.split("\n").filter((l) => l.startsWith("| error | `src/domain/module-")).length;

describe("renderMarkdown size cap", () => {
  it("never exceeds maxChars and says how many rows it hides", () => {
    for (const maxChars of [3_000, 8_000, 20_000, 65_000]) {
      const text = renderMarkdown(hugeReview(5_000), { maxChars });
      expect(text.length).toBeLessThanOrEqual(maxChars);
      const shown = violationRows(text);
      expect(shown).toBeGreaterThanOrEqual(1);
      expect(text).toContain(`_…and ${5_000 - shown} more not shown._`);
    }
  });

  it("drops the graph and the ADR stub before violation rows", () => {
    const full = renderMarkdown(hugeReview(30));
    expect(full).toContain("```mermaid");
    expect(full).toContain("<details><summary>Proposed ADR");
    const fullLength = full.length;
    const adrLength = full.slice(full.indexOf("<details><summary>Proposed ADR"), full.indexOf("</details>", full.indexOf("Proposed ADR"))).length;
    const text = renderMarkdown(hugeReview(30), { maxChars: fullLength - adrLength / 2 });
    expect(text).not.toContain("```mermaid");
    expect(text).not.toContain("<details><summary>Proposed ADR");
    expect(text).toContain("_The proposed ADR `docs/adr/0004-");
    expect(violationRows(text)).toBe(30);
    expect(text).not.toContain("more not shown");
  });

  it("keeps the first rows of every table", () => {
    const text = renderMarkdown(hugeReview(5_000), { maxChars: 6_000 });
    expect(text).toContain("| error | `src/domain/module-0.ts:1` →");
    expect(text).toContain("#### Oversized files (2)");
    expect(text).toContain("`src/infrastructure/db.ts` | 812 | 500 | 640 |");
  });

  it("falls back to the verdict alone when even that barely fits", () => {
    const text = renderMarkdown(hugeReview(5_000), { maxChars: 400 });
    expect(text.length).toBeLessThanOrEqual(400);
    expect(text).toMatch(/^<!-- archreview:comment -->\n### ❌ archreview: 5002 new errors, 4 warnings/);
    expect(text).toContain("too large for a comment");
    expect(renderMarkdown(hugeReview(5_000), { maxChars: 20 }).length).toBeLessThanOrEqual(20);
  });
});
