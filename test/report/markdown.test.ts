import { describe, it, expect } from "@jest/globals";
import { COMMENT_MARKER, renderMarkdown } from "../../src/report/markdown.js";
import { expectGolden } from "./golden.js";
import { boundaryViolation, emptyReview, oversizedFile, resolved, sampleReview } from "./sample-review.js";

const LINK_BASE = "https://github.com/o/r/blob/def5678abc1234def5678abc1234def5678abc12/";

describe("renderMarkdown", () => {
  it("renders a realistic review (golden)", () => {
    expectGolden("sample.md", `${renderMarkdown(sampleReview(), { linkBase: LINK_BASE })}\n`);
  });

  it("says all clear in two lines when nothing is new", () => {
    const text = renderMarkdown(emptyReview());
    expect(text).toBe(`${COMMENT_MARKER}\n### ✅ archreview: no new architecture problems\n\n<sub>base abc1234 → head def5678 · 120 modules · 850 ms</sub>`);
  });

  it("counts resolved violations in an all-clear verdict", () => {
    const findings = [resolved(boundaryViolation("src/a.ts", "src/b.ts", 1)), resolved(boundaryViolation("src/c.ts", "src/b.ts", 2))];
    const lines = renderMarkdown(emptyReview({ findings })).split("\n");
    expect(lines.slice(0, 3)).toEqual([COMMENT_MARKER, "### ✅ archreview: no new architecture problems", "This PR resolves 2 violations."]);
  });

  it("names the categories behind the counts", () => {
    const lines = renderMarkdown(sampleReview()).split("\n");
    expect(lines[1]).toBe("### ❌ archreview: 3 new errors, 5 warnings");
    expect(lines[2]).toBe("1 new boundary violation · 1 new stability violation · 2 new cycles · 2 oversized files · 1 complex function · 1 large class");
  });

  it("links every file:line when a link base is given, and uses code spans otherwise", () => {
    const review = emptyReview({ findings: [boundaryViolation("src/domain/user.ts", "src/infrastructure/db.ts", 12)] });
    expect(renderMarkdown(review, { linkBase: LINK_BASE })).toContain(`| error | [src/domain/user.ts:12](${LINK_BASE}src/domain/user.ts#L12) → \`src/infrastructure/db.ts\` |`);
    expect(renderMarkdown(review)).toContain("| error | `src/domain/user.ts:12` → `src/infrastructure/db.ts` |");
  });

  it("percent-encodes paths inside links", () => {
    const review = emptyReview({ findings: [boundaryViolation("src/my dir/a (1).ts", "src/b.ts", 4)] });
    expect(renderMarkdown(review, { linkBase: LINK_BASE })).toContain(`[src/my dir/a (1).ts:4](${LINK_BASE}src/my%20dir/a%20%281%29.ts#L4)`);
  });

  it("keeps a hostile file name inside its table cell and out of the HTML", () => {
    const nasty = "src/a|b<script>alert(1)</script>`x`.ts";
    const review = emptyReview({
      findings: [{ ...boundaryViolation(nasty, "src/b.ts", 3), rule: "r|<b>" }, oversizedFile(nasty, 900)],
    });
    const plain = renderMarkdown(review);
    // Code spans: the pipe is escaped for the table, the backticks get a longer fence.
    expect(plain).toContain("| ``src/a\\|b<script>alert(1)</script>`x`.ts:3`` → `src/b.ts` | `r\\|<b>` |");
    const linked = renderMarkdown(review, { linkBase: LINK_BASE });
    // Link text: markdown escaped, tags as entities; the URL is percent-encoded.
    expect(linked).toContain("[src/a\\|b&lt;script&gt;alert(1)&lt;/script&gt;\\`x\\`.ts:3](");
    expect(linked).toContain("src/a%7Cb%3Cscript%3Ealert%281%29%3C/script%3E%60x%60.ts#L3)");
    for (const text of [plain, linked]) {
      const rows = text.split("\n").filter((l) => l.startsWith("| "));
      // An unescaped pipe would add a cell: every row must have exactly as many as its header.
      const cells = (row: string): number => row.replace(/\\\|/g, "").split("|").length;
      expect(rows.filter((r) => r.includes("script")).map(cells)).toEqual([6, 6]);
    }
  });

  it("escapes notices and footer labels", () => {
    const review = emptyReview({ head: "WORK<img src=x>", notices: ["Config <b>bad</b> | see *docs*"] });
    const text = renderMarkdown(review);
    expect(text).toContain("> [!NOTE]\n> Config &lt;b&gt;bad&lt;/b&gt; \\| see \\*docs\\*");
    expect(text).toContain("head WORK&lt;img src=x&gt;");
    expect(text).not.toMatch(/<(b|img)\b/);
  });

  it("uses a longer fence than any inside the ADR stub", () => {
    const review = sampleReview();
    review.adr = { ...review.adr!, markdown: "# 1. x\n\n`````\ncode\n`````\n" };
    expect(renderMarkdown(review)).toContain("``````markdown\n# 1. x\n\n`````\ncode\n`````\n``````");
  });
});
