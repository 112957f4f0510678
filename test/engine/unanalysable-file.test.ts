// A PR cannot hide its functions from the size and complexity review by nesting blocks deeper
// than the parser goes (issue 16, Why 4): the file becomes a warning finding naming it, counted
// in the verdict and shown in every output, never a silent omission.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { reviewTrees } from "../../src/engine/review.js";
import { renderCheckRun } from "../../src/report/check-run.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderText } from "../../src/report/text.js";

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-unanalysable-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tree(dir: string, files: Record<string, string>): string {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const baseFiles = { ".github/archreview.yml": "limits: { functionComplexity: 5 }\n", "src/util.ts": "export const util = (n: number) => n;\n" };
// A complex function the deep nesting would hide, then 1,500 nested blocks (past the ~1,000 the parser survives).
const hidden = `export function hidden(c: any) {\n${Array.from({ length: 8 }, (_, i) => `  if (c.f${i}) return ${i};`).join("\n")}\n  return 0;\n}\n`;
const DEPTH = 1500;
const deep = `import { util } from "./util";\n${hidden}export function nested(x: number) { ${"if (x) {".repeat(DEPTH)} x = util(x); ${"}".repeat(DEPTH)} }\n`;

async function reviewDeepFile() {
  const base = tree(path.join(work, "base"), baseFiles);
  const head = tree(path.join(work, "head"), { ...baseFiles, "src/deep.ts": deep });
  return reviewTrees({ base: { sha: "b".repeat(40), dir: base }, head: { sha: "h".repeat(40), dir: head }, today: "2026-11-20" });
}

describe("a file nested too deep for the parser", () => {
  it("is a warning finding naming the file, counted in the verdict, and its imports still count", async () => {
    const { review } = await reviewDeepFile();
    const found = review.findings.filter((f) => f.file === "src/deep.ts");
    expect(found).toEqual([
      { kind: "unanalysable-file", rule: "analysable-source", severity: "warn", status: "new", file: "src/deep.ts", line: null, reason: {}, problem: "nesting too deep for the parser" },
    ]);
    expect(review.counts.warnings).toBe(1);
    expect(review.stats.modulesHead).toBe(review.stats.modulesBase + 1);
  });

  it("is named in markdown, text, JSON and the check run (annotation on the file)", async () => {
    const { review } = await reviewDeepFile();
    expect(renderMarkdown(review)).toMatch(/Files that could not be analysed[\s\S]*src\/deep\.ts[\s\S]*nesting too deep for the parser/);
    expect(renderText(review)).toMatch(/src\/deep\.ts {2}could not be analysed/);
    expect(JSON.parse(renderJson(review)).findings).toContainEqual(expect.objectContaining({ kind: "unanalysable-file", file: "src/deep.ts" }));
    const check = renderCheckRun(review, { failOn: "warn" });
    expect(check.conclusion).toBe("failure");
    expect(check.annotations).toContainEqual(expect.objectContaining({ path: "src/deep.ts", annotation_level: "warning", title: "File could not be analysed" }));
  });
});
