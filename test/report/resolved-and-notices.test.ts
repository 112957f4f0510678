import { describe, it, expect } from "@jest/globals";
import { COMMENT_MARKER, renderMarkdown } from "../../src/report/markdown.js";
import { escapeTextWithCode } from "../../src/report/md-escape.js";
import { renderText } from "../../src/report/text.js";
import { boundaryViolation, cycleFinding, emptyReview, resolved } from "./sample-review.js";

const cycle = (modules: string[], line: number) => resolved(cycleFinding(modules, line));

describe("resolved cycles and violations", () => {
  const review = emptyReview({
    findings: [resolved(boundaryViolation("src/domain/a.ts", "src/infrastructure/db.ts", 3)), cycle(["src/a.ts", "src/b.ts"], 4), cycle(["src/c.ts", "src/d.ts", "src/e.ts"], 9)],
  });

  it("counts both in an all-clear verdict", () => {
    const lines = renderMarkdown(review).split("\n");
    expect(lines.slice(0, 3)).toEqual([COMMENT_MARKER, "### ✅ archreview: no new architecture problems", "This PR resolves 1 violation and 2 cycles."]);
    expect(renderText(review).split("\n").slice(0, 2)).toEqual(["✔ archreview: no new architecture problems", "  This PR resolves 1 violation and 2 cycles."]);
  });

  it("names each resolved violation and cycle in the text output", () => {
    const text = renderText(review);
    expect(text).toContain("\nResolved violations (1)\n  src/domain/a.ts:3 → src/infrastructure/db.ts  (domain-not-infrastructure)\n");
    expect(text).toContain("\nResolved cycles (2)\n  src/a.ts → src/b.ts:4 → src/a.ts\n  src/c.ts → src/d.ts → src/e.ts:9 → src/c.ts\n");
  });

  it("lists at most 20 per section in the text output and says how many more", () => {
    const many = Array.from({ length: 23 }, (_, i) => cycle([`src/m${i}.ts`, `src/n${i}.ts`], 1));
    const text = renderText(emptyReview({ findings: many }));
    expect(text).toContain("src/m19.ts → src/n19.ts:1 → src/m19.ts\n  …and 3 more (--format json lists them all)\n");
    expect(text).not.toContain("src/m20.ts");
  });

  it("lists resolved cycles in a collapsed block of the comment, without links", () => {
    const md = renderMarkdown(review, { linkBase: "https://github.com/o/r/blob/abc/" });
    expect(md).toContain("<details><summary>Resolved cycles (2)</summary>\n\n- `src/a.ts` → `src/b.ts:4` → `src/a.ts`\n- `src/c.ts` → `src/d.ts` → `src/e.ts:9` → `src/c.ts`\n\n</details>");
  });

  it("shrinks resolved cycles with the resolved violations when the comment is too long", () => {
    const many = Array.from({ length: 400 }, (_, i) => cycle([`src/some/long/folder/module-${i}.ts`, `src/other/long/folder/module-${i}.ts`], 1));
    const md = renderMarkdown(emptyReview({ findings: many }), { maxChars: 4000 });
    expect(md.length).toBeLessThanOrEqual(4000);
    expect(md).toContain("Resolved cycles (400)");
    const hidden = Number(/_…and (\d+) more not shown\._/.exec(md)?.[1]);
    const shown = md.split("\n").filter((l) => l.startsWith("- `src/some/long/folder/module-")).length;
    expect(shown).toBeGreaterThanOrEqual(3);
    expect(shown + hidden).toBe(400);
  });
});

describe("notices in the comment", () => {
  it("renders our backtick-marked names as code, not as literal backticks", () => {
    const md = renderMarkdown(emptyReview({ notices: ["No modules (after `ignore`): nothing to analyse."] }));
    expect(md).toContain("> No modules (after `ignore`): nothing to analyse.");
    expect(md).not.toContain("\\`");
  });

  it("still escapes everything outside the code spans, and keeps a code span's content literal", () => {
    expect(escapeTextWithCode("a *b* `<x>|y` <img> `c")).toBe("a \\*b\\* `<x>|y` &lt;img&gt; \\`c");
    // A stray backtick in a name cannot open a span that swallows the rest.
    expect(escapeTextWithCode("boundary `a`b` *x*")).toBe("boundary `a`b\\` \\*x\\*");
  });
});
