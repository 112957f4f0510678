import { describe, it, expect } from "@jest/globals";
import { renderText } from "../../src/report/text.js";
import { expectGolden } from "./golden.js";
import { emptyReview, oversizedFile, sampleReview } from "./sample-review.js";

describe("renderText", () => {
  it("renders a realistic review (golden)", () => {
    expectGolden("sample.txt", renderText(sampleReview()));
  });

  it("says all clear on the first line", () => {
    expect(renderText(emptyReview())).toBe("✔ archreview: no new architecture problems\n\nbase abc1234 → head def5678 · 120 modules · 850 ms\n");
  });

  it("prints one compact line per violation", () => {
    expect(renderText(sampleReview())).toContain("  error  src/domain/user.ts:3 → src/infrastructure/db.ts  (domain-not-infrastructure)\n");
  });

  it("colors only when asked", () => {
    expect(renderText(sampleReview())).not.toContain("\u001b[");
    const colored = renderText(sampleReview(), { color: true });
    expect(colored.startsWith("\u001b[31m\u001b[1m✖ archreview: 3 new errors, 5 warnings")).toBe(true);
    expect(colored).toContain("\u001b[31merror\u001b[0m");
  });

  it("does not let a file name drive the terminal", () => {
    const review = sampleReview();
    review.findings = [...review.findings.filter((f) => f.kind !== "oversized-file"), oversizedFile("src/\u001b[2Jevil\n.ts", 900)];
    expect(renderText(review)).toContain("src/\uFFFD[2Jevil\uFFFD.ts  900 lines");
  });
});
