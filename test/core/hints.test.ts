// Hints name the fixture's real paths: the dependency inversion for a layer violation (with the
// composition root when one imports both sides), the import that breaks a new cycle, the largest
// parts of an oversized file.
import { describe, expect, it } from "@jest/globals";
import type { Finding, Snapshot } from "../../src/core/model.js";
import { reviewChange } from "../../src/core/review.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { facts, layeredConfig, snapshot, type EdgeSpec } from "./build.js";

function review(base: Snapshot, head: Snapshot, touched: string[]) {
  const changes = touched.map((path) => ({ kind: "modified" as const, path }));
  const config = layeredConfig({ rules: [{ from: "domain", disallow: ["infra"], severity: "error", allowTypeOnly: false, comment: "the domain stays free of I/O" }] });
  return reviewChange({ base, head, changes, config, headBoundaryNames: null, configChangedFile: null, notices: [] });
}

const hintOf = (findings: Finding[], kind: Finding["kind"]): string | undefined => findings.find((f) => f.kind === kind)?.hint;

// src/main.ts wires the domain and the infrastructure together.
const wired: EdgeSpec[] = [
  ["src/main.ts", "src/domain/order.ts"],
  ["src/main.ts", "src/infra/db.ts"],
];

describe("hints", () => {
  it("suggests the dependency inversion for a layer violation, naming the importing folder, the imported file and the composition root", () => {
    const head = snapshot("h", [...wired, ["src/domain/order.ts", "src/infra/db.ts", { line: 4 }]]);
    const r = review(snapshot("b", wired), head, ["src/domain/order.ts"]);
    expect(hintOf(r.findings, "boundary")).toBe(
      "Invert the dependency: declare the interface `src/domain/order.ts` needs in `src/domain/` (`domain`), implement it in `src/infra/db.ts` (`infra`), and pass the implementation in from `src/main.ts`, which already imports both boundaries.",
    );
    // Why (the rule's comment) and how, folded in the comment.
    const comment = renderMarkdown(r);
    expect(comment).toContain("<details><summary>How to fix (1 hint)</summary>");
    expect(comment).toContain("- `domain-not-to-infra` `src/domain/order.ts:4` — the domain stays free of I/O. Invert the dependency:");
  });

  it("says plainly when no composition root was found", () => {
    const r = review(snapshot("b", [], { modules: ["src/domain/order.ts", "src/infra/db.ts"] }), snapshot("h", [["src/domain/order.ts", "src/infra/db.ts", { line: 4 }]]), ["src/domain/order.ts"]);
    expect(hintOf(r.findings, "boundary")).toContain("where `domain` and `infra` are wired (no module importing both was found)");
  });

  it("names the import the change added that closes a new cycle, with its line", () => {
    const base: EdgeSpec[] = [["src/domain/a.ts", "src/domain/b.ts", { line: 2 }], ["src/domain/b.ts", "src/domain/c.ts", { line: 3 }]];
    const head = snapshot("h", [...base, ["src/domain/c.ts", "src/domain/a.ts", { line: 7 }]]);
    const r = review(snapshot("b", base), head, ["src/domain/c.ts"]);
    expect(hintOf(r.findings, "cycle")).toBe(
      "Removing the import of `src/domain/a.ts` in `src/domain/c.ts` (line 7) breaks the cycle: it is the one import of this cycle the change added. Move what `src/domain/c.ts` needs from it into a module both can import.",
    );
  });

  it("names the largest parts of an oversized file as the split its structure suggests", () => {
    const file = "src/app/big.ts";
    const big = facts(
      620,
      [
        { name: "parse", line: 1, endLine: 300, complexity: 3 },
        { name: "parse.inner", line: 10, endLine: 200, complexity: 1 },
        { name: "render", line: 301, endLine: 500, complexity: 2 },
        { name: "small", line: 501, endLine: 510, complexity: 1 },
        { name: "tiny", line: 511, endLine: 512, complexity: 1 },
      ],
    );
    const r = review(snapshot("b", [], { modules: [file], facts: { [file]: facts(100) } }), snapshot("h", [], { modules: [file], facts: { [file]: big } }), [file]);
    expect(hintOf(r.findings, "oversized-file")).toBe(
      "Its largest parts, candidates to move to files of their own: `parse` (300 lines from line 1), `render` (200 lines from line 301), `small` (10 lines from line 501).",
    );
  });
});
