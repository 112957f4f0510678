// Hostile or odd sources end in a review, never a crash: binary and invalid UTF-8 files with
// source extensions, pathological nesting, a 1 MB line, and a repository without any JS/TS.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { reviewTrees } from "../../src/engine/review.js";
import { DEMO_SAMPLE_DIR } from "../../src/cli/sample-repo.js";

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-hostile-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function trees(name: string, template: string | null, headFiles: Record<string, string | Buffer>) {
  const base = path.join(work, name, "base");
  const head = path.join(work, name, "head");
  for (const dir of [base, head]) {
    mkdirSync(dir, { recursive: true });
    if (template) cpSync(template, dir, { recursive: true });
  }
  for (const [file, content] of Object.entries(headFiles)) {
    mkdirSync(path.dirname(path.join(head, file)), { recursive: true });
    writeFileSync(path.join(head, file), content);
  }
  return { base: { sha: "b".repeat(40), dir: base }, head: { sha: "h".repeat(40), dir: head }, today: "2026-11-20" };
}

describe("hostile sources", () => {
  it("reviews a change full of binary, invalid UTF-8, deeply nested and 1 MB-line files", async () => {
    const nested = `export const deep = ${"(".repeat(50_000)}1${")".repeat(50_000)};\n`;
    const chain = `export const wide = ${Array.from({ length: 50_000 }, (_, i) => `a${i}`).join(" || ")};\n`;
    const longLine = `import { createUser } from "../domain/user.js";\nexport const blob = "${"x".repeat(1_000_000)}"; export const u = createUser;\n`;
    const request = trees("odd", DEMO_SAMPLE_DIR, {
      "src/application/binary.ts": Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      "src/application/latin1.ts": Buffer.from([0x69, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0x20, 0xff, 0xfe, 0x0a]),
      "src/application/nested.ts": nested,
      "src/application/wide.ts": chain,
      "src/application/long-line.ts": longLine,
    });
    const { review } = await reviewTrees(request);
    expect(review.stats.modulesHead).toBe(review.stats.modulesBase + 5);
    // The 1 MB line still yields its import, on its line.
    expect(review.edgesAdded).toEqual(expect.arrayContaining([{ from: "src/application/long-line.ts", to: "src/domain/user.ts" }]));
    expect(review.counts.errors).toBe(0);
  });

  it("reviews a repository without JavaScript or TypeScript and says there is nothing to analyse", async () => {
    const request = trees("python", null, { "app/main.py": "print('hi')\n" });
    writeFileSync(path.join(request.base.dir, "README.md"), "# a python project\n");
    const { review } = await reviewTrees(request);
    expect(review.stats).toEqual(expect.objectContaining({ modulesBase: 0, modulesHead: 0 }));
    expect(review.notices.join("\n")).toContain("No JavaScript or TypeScript modules");
    expect(review.counts).toEqual({ errors: 0, warnings: 0 });
  });
});
