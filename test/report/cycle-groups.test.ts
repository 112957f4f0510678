// A dependency-cruiser `circular` rule broken along one tangle of imports is shown once (its cycle
// path, at the import the change added) in the comment, the terminal and the annotations, while
// the JSON arrays keep every violation dependency-cruiser reported, each with its cycle.
import { describe, expect, it } from "@jest/globals";
import type { FindingOf } from "../../src/core/model.js";
import { renderCheckRun } from "../../src/report/check-run.js";
import { shownFindings } from "../../src/report/cycle-groups.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderText } from "../../src/report/text.js";
import { emptyReview } from "./sample-review.js";

function ruleCycle(file: string, to: string, line: number, cycle: string[], rule = "no-circular"): FindingOf<"forbidden"> {
  return { kind: "forbidden", rule, severity: "error", status: "new", file, line, reason: {}, to, cycle };
}

// One tangle {a, b, c}: dependency-cruiser lists two distinct cycles through it; the PR added c -> a.
const tangle = [ruleCycle("src/a.ts", "src/b.ts", 1, ["src/b.ts", "src/a.ts"]), ruleCycle("src/c.ts", "src/a.ts", 7, ["src/a.ts", "src/b.ts", "src/c.ts"])];
const elsewhere = ruleCycle("src/x.ts", "src/y.ts", 3, ["src/y.ts", "src/x.ts"]);
const plainImport: FindingOf<"forbidden"> = { kind: "forbidden", rule: "no-lib", severity: "warn", status: "new", file: "src/a.ts", line: 2, reason: {}, to: "src/lib.ts" };

function review() {
  return emptyReview({ findings: [...tangle, elsewhere, plainImport], edgesAdded: [{ from: "src/c.ts", to: "src/a.ts" }] });
}

describe("circular-rule violations, shown once per tangle", () => {
  it("keeps one finding per tangle of one rule, the one through the added import, and every other finding", () => {
    expect(shownFindings(review())).toEqual([tangle[1], elsewhere, plainImport]);
    // A different rule over the same modules is its own tangle.
    const other = ruleCycle("src/a.ts", "src/b.ts", 1, ["src/b.ts", "src/a.ts"], "no-value-cycles");
    expect(shownFindings(emptyReview({ findings: [...tangle, other] }))).toEqual([tangle[0], other]);
  });

  it("shows the cycle path with the closing import's line in the comment, the terminal and the annotations", () => {
    const markdown = renderMarkdown(review());
    expect(markdown).toContain("`src/c.ts:7` → `src/a.ts` → `src/b.ts` → `src/c.ts`");
    expect(markdown).not.toContain("`src/a.ts:1` → `src/b.ts` → `src/a.ts`");
    expect(markdown).toContain("(3)"); // the violations section: two tangles and the plain import
    const text = renderText(review());
    expect(text).toContain("src/c.ts:7 → src/a.ts → src/b.ts → src/c.ts");
    expect(text).not.toContain("src/a.ts:1 → src/b.ts → src/a.ts");
    const annotations = renderCheckRun(review(), { failOn: "error" }).annotations.filter((a) => a.title === "no-circular");
    expect(annotations.map((a) => [a.path, a.start_line, a.message])).toEqual([
      ["src/c.ts", 7, "src/c.ts imports src/a.ts, which closes the cycle src/c.ts → src/a.ts → src/b.ts → src/c.ts: violates the dependency-cruiser rule no-circular."],
      ["src/x.ts", 3, "src/x.ts imports src/y.ts, which closes the cycle src/x.ts → src/y.ts → src/x.ts: violates the dependency-cruiser rule no-circular."],
    ]);
  });

  it("counts tangles in the verdict, while the JSON arrays keep each violation with its cycle", () => {
    const r = review();
    expect(renderText(r)).toContain("2 new errors, 1 warning");
    expect(r.counts).toEqual({ errors: 3, warnings: 1 });
    expect(r.newViolations.filter((v) => v.cycle).map((v) => [v.from, v.to, v.cycle])).toEqual([
      ["src/a.ts", "src/b.ts", ["src/b.ts", "src/a.ts"]],
      ["src/c.ts", "src/a.ts", ["src/a.ts", "src/b.ts", "src/c.ts"]],
      ["src/x.ts", "src/y.ts", ["src/y.ts", "src/x.ts"]],
    ]);
  });
});
