import { describe, it, expect } from "@jest/globals";
import type { Review } from "../../src/core/model.js";
import { CHECK_LIMITS, renderCheckRun, renderUnreviewableCheck } from "../../src/report/check-run.js";
import { clipText } from "../../src/report/clip.js";
import { COMMENT_MARKER } from "../../src/report/markdown.js";
import { boundaryViolation, cycleFinding, emptyReview, oversizedFile, sampleReview } from "./sample-review.js";

const warnOnly = (): Review =>
  emptyReview({
    findings: [oversizedFile("src/big.ts", 640)],
  });

describe("renderCheckRun conclusion", () => {
  it.each([
    ["error", "failure", "success", "success"],
    ["warn", "failure", "failure", "success"],
    ["never", "success", "success", "success"],
  ] as const)("failOn %s: errors → %s, warnings only → %s, clean → %s", (failOn, withErrors, withWarnings, clean) => {
    expect(renderCheckRun(sampleReview(), { failOn }).conclusion).toBe(withErrors);
    expect(renderCheckRun(warnOnly(), { failOn }).conclusion).toBe(withWarnings);
    expect(renderCheckRun(emptyReview(), { failOn }).conclusion).toBe(clean);
  });

  it("titles the run with the counts", () => {
    expect(renderCheckRun(emptyReview({ counts: { errors: 2, warnings: 1 } }), { failOn: "error" }).title).toBe("2 new errors, 1 warning");
    expect(renderCheckRun(emptyReview(), { failOn: "error" }).title).toBe("No new architecture problems");
  });
});

describe("renderCheckRun summary", () => {
  it("is the review markdown without the comment marker, with links when given a base", () => {
    const linkBase = "https://github.com/o/r/blob/def5678/";
    const { summary } = renderCheckRun(sampleReview(), { failOn: "error", linkBase });
    expect(summary).not.toContain(COMMENT_MARKER);
    expect(summary.startsWith("### ❌ archreview: 3 new errors, 5 warnings")).toBe(true);
    expect(summary).toContain(`${linkBase}src/domain/user.ts#L3`);
  });

  it("stays within GitHub's limits for a 10,000-violation review", () => {
    const review = sampleReview();
    // The sample's two new violations give way to 10,000 boundary violations.
    const others = review.findings.filter((f) => f.status === "resolved" || (f.kind !== "boundary" && f.kind !== "stability"));
    review.findings = [...Array.from({ length: 10_000 }, (_, i) => boundaryViolation(`src/domain/m-${i}.ts`, "src/infrastructure/db.ts", i + 1)), ...others];
    review.counts = { errors: 10_002, warnings: 4 };
    const out = renderCheckRun(review, { failOn: "error", linkBase: "https://github.com/o/r/blob/def5678/" });
    expect(out.summary.length).toBeLessThanOrEqual(65_535);
    expect(out.title.length).toBeLessThanOrEqual(1_000);
    expect(out.summary).toContain("more not shown");
    // Every violation with a line is still annotated; the publisher batches them.
    expect(out.annotations.filter((a) => a.title === "domain-not-infrastructure")).toHaveLength(10_000);
    for (const a of out.annotations) {
      expect(a.title.length).toBeLessThanOrEqual(255);
      expect(new TextEncoder().encode(a.message).length).toBeLessThanOrEqual(64 * 1024);
    }
  });
});

describe("renderCheckRun annotations", () => {
  const out = renderCheckRun(sampleReview(), { failOn: "error" });

  it("puts each finding on its line with a level per severity, errors first", () => {
    expect(out.annotations.map((a) => [a.annotation_level, a.path, a.start_line, a.title])).toEqual([
      ["failure", "src/domain/user.ts", 3, "domain-not-infrastructure"],
      ["failure", "src/domain/user.ts", 7, "New dependency cycle"],
      ["failure", "src/ui/c.ts", 1, "New dependency cycle"],
      ["warning", "src/domain/user.ts", 3, "stable-dependencies"],
      ["warning", "src/infrastructure/db.ts", 1, "File over 500 lines"],
      ["warning", "src/payments/gateway.ts", 1, "File over 500 lines"],
      ["warning", "src/domain/order.ts", 42, "Complexity over 15"],
      ["warning", "src/infrastructure/db.ts", 10, "Class over 20 public methods"],
    ]);
    for (const a of out.annotations) expect(a.end_line).toBe(a.start_line);
  });

  it("writes plain-text messages that name the target and the rule", () => {
    const rules = renderCheckRun(
      emptyReview({ findings: [{ ...boundaryViolation("src/domain/user.ts", "src/infrastructure/db.ts", 3), rule: "domain-not-to-infrastructure" }] }),
      { failOn: "error" },
    );
    expect(rules.annotations[0]).toEqual({
      path: "src/domain/user.ts",
      start_line: 3,
      end_line: 3,
      annotation_level: "failure",
      title: "domain-not-to-infrastructure",
      message: "src/domain/user.ts imports src/infrastructure/db.ts: domain must not import infrastructure.",
    });
    const [, cycle, typeOnlyCycle] = out.annotations;
    expect(cycle?.message).toBe("src/domain/user.ts imports src/domain/order.ts, which closes the cycle src/domain/order.ts → src/domain/user.ts → src/domain/order.ts.");
    expect(typeOnlyCycle?.message).toContain("only through type-only imports");
    for (const a of out.annotations) expect(a.message).not.toMatch(/[`*_[\]]/);
  });

  it("skips findings without a line but keeps them in the summary", () => {
    const review = emptyReview({
      findings: [boundaryViolation("src/domain/x.ts", "src/infrastructure/db.ts", null), cycleFinding(["src/a.ts", "src/b.ts"], null, "warn")],
    });
    const result = renderCheckRun(review, { failOn: "error" });
    expect(result.annotations).toEqual([]);
    expect(result.summary).toContain("src/domain/x.ts");
    expect(result.summary).toContain("src/b.ts");
  });
});

describe("renderUnreviewableCheck", () => {
  it("is neutral, with the problem as title and summary and no annotations", () => {
    const out = renderUnreviewableCheck({ title: "Invalid configuration", explanation: "`.github/archreview.yml` line 3: unknown key `rulez`." });
    expect(out).toEqual({
      conclusion: "neutral",
      title: "Invalid configuration",
      summary: "`.github/archreview.yml` line 3: unknown key `rulez`.",
      annotations: [],
    });
  });

  it("fits GitHub's limits whatever the caller passes", () => {
    const out = renderUnreviewableCheck({ title: "x".repeat(5_000), explanation: "😀".repeat(40_000) });
    expect(out.title.length).toBeLessThanOrEqual(CHECK_LIMITS.title);
    expect(out.summary.length).toBeLessThanOrEqual(65_535);
    expect(out.summary.endsWith("😀…")).toBe(true);
  });
});

describe("clipText", () => {
  it("never leaves half of a surrogate pair", () => {
    expect(clipText("ab😀", 3)).toBe("ab…");
    expect(clipText("a😀b", 3)).toBe("a…");
    expect(clipText("abc", 3)).toBe("abc");
  });
});
