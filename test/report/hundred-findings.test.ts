// The PR comment stays readable at 100 findings: each large section opens with an overview of its
// groups (rule and boundary pair), worst first, and folds each group's rows; small sections stay flat.
import { describe, expect, it } from "@jest/globals";
import { GROUP_THRESHOLD } from "../../src/report/markdown-groups.js";
import { DEFAULT_MAX_CHARS, renderMarkdown } from "../../src/report/markdown.js";
import { hundredFindingsReview } from "./hundred-findings.js";
import { sampleReview } from "./sample-review.js";

describe("a comment with 100 findings", () => {
  const review = hundredFindingsReview();
  const md = renderMarkdown(review);

  it("has 100 new findings, all shown, well within GitHub's limit", () => {
    expect(review.findings).toHaveLength(100);
    expect(md.length).toBeLessThan(DEFAULT_MAX_CHARS / 2);
    expect(md).not.toContain("more not shown");
  });

  it("opens the violations with an overview of groups by rule and boundary pair, errors first, then the largest", () => {
    const section = md.slice(md.indexOf("#### New violations (55)"), md.indexOf("#### New cycles"));
    const overview = section.split("\n").filter((l) => l.startsWith("| error") || l.startsWith("| warning"));
    expect(overview.slice(0, 4)).toEqual([
      "| error | `domain-not-infrastructure` | `domain` → `infrastructure` | 30 |",
      "| error | `application-not-infrastructure` | `application` → `infrastructure` | 15 |",
      "| error | `domain-not-application` | `domain` → `application` | 5 |",
      "| warning | `ui-not-infrastructure` | `ui` → `infrastructure` | 5 |",
    ]);
    // One folded group per overview row, each opening and closing.
    expect(section.match(/<details><summary>/g)).toHaveLength(4);
    expect(section.match(/<\/details>/g)).toHaveLength(4);
    expect(section).toContain("<details><summary><code>domain-not-infrastructure</code> · <code>domain</code> → <code>infrastructure</code> (30)</summary>");
  });

  it("groups every section past the threshold and leaves smaller ones flat", () => {
    // One rule only: no overview, the rows folded under the heading.
    expect(md).toContain("#### New cycles (15)\n\n<details><summary><code>no-cycles</code> (15)</summary>\n");
    expect(md).toContain("#### Complex functions (20)\n\n<details><summary><code>max-function-complexity</code> (20)</summary>\n");
    const oversized = md.indexOf("#### Oversized files (10)");
    expect(GROUP_THRESHOLD).toBe(10);
    expect(md.slice(oversized, oversized + 200)).toContain("| File | Lines | Limit | At base |");
    expect(renderMarkdown(sampleReview())).not.toContain("groups by rule and boundaries");
  });

  it("folds the hints apart from the findings", () => {
    expect(md).toContain("<details><summary>How to fix (50 hints)</summary>");
  });
});
