// The precision check's judge (bench/lib/precision-check.mjs), which `npm run precision` uses to call
// a size finding a false alarm: it must read git's zero-context diff correctly (renames, new files,
// deletions) and tell a function the change touched from one it did not.
import { describe, expect, it } from "@jest/globals";
import { parseZeroContextDiff, spanAt, spansOf, touches } from "../../bench/lib/precision-check.mjs";

const DIFF = [
  "diff --git a/src/driver.ts b/src/driver.ts",
  "index 1111111..2222222 100644",
  "--- a/src/driver.ts",
  "+++ b/src/driver.ts",
  "@@ -2 +2,2 @@ import",
  "-old",
  "+new",
  "+more",
  "@@ -9,2 +10,0 @@ class",
  "-gone",
  "-gone",
  "diff --git a/src/old.ts b/src/renamed.ts",
  "similarity index 100%",
  "rename from src/old.ts",
  "rename to src/renamed.ts",
  "diff --git a/src/new.ts b/src/new.ts",
  "new file mode 100644",
  "--- /dev/null",
  "+++ b/src/new.ts",
  "@@ -0,0 +1,3 @@",
  "+a",
  "+b",
  "+c",
  'diff --git "a/src/caf\\303\\251.ts" "b/src/caf\\303\\251.ts"',
  '--- "a/src/caf\\303\\251.ts"',
  '+++ "b/src/caf\\303\\251.ts"',
  "@@ -5 +5 @@",
  "-x",
  "+y",
  "",
].join("\n");

const SOURCE = [
  "export class Driver {", // 1
  "  load() {", // 2
  "    return 1;", // 3
  "  }", // 4
  "  find(cols: any[]) {", // 5
  "    const n = cols.length;", // 6
  "    return cols.filter((c) => {", // 7
  "      if (c.a) return true;", // 8
  "      return false;", // 9
  "    });", // 10
  "  }", // 11
  "}", // 12
].join("\n");

describe("precision check: the commit's diff", () => {
  it("reads hunks, counts without a comma as 1, pure renames, new files and quoted names", () => {
    const files = parseZeroContextDiff(DIFF);
    expect(files.get("src/driver.ts")?.hunks).toEqual([
      { baseStart: 2, baseCount: 1, headStart: 2, headCount: 2 },
      { baseStart: 9, baseCount: 2, headStart: 10, headCount: 0 },
    ]);
    expect(files.get("src/renamed.ts")).toMatchObject({ hunks: [], added: false });
    expect(files.has("src/old.ts")).toBe(false);
    expect(files.get("src/new.ts")).toMatchObject({ added: true, hunks: [{ headStart: 1, headCount: 3 }] });
    expect(files.get("src/café.ts")?.hunks).toHaveLength(1);
  });
});

describe("precision check: did the change touch a function's own lines", () => {
  const spans = spansOf(SOURCE, "src/driver.ts");
  const find = spanAt(spans, "function", 5)!;
  const callback = spanAt(spans, "function", 7)!;
  const hunk = (headStart: number, headCount: number) => ({ baseStart: headStart, baseCount: headCount === 0 ? 1 : headCount, headStart, headCount });

  it("recomputes spans from the head source: class, methods, the callback", () => {
    expect(spans).toEqual(
      expect.arrayContaining([
        { kind: "class", line: 1, endLine: 12 },
        { kind: "function", line: 2, endLine: 4 },
        { kind: "function", line: 5, endLine: 11 },
        { kind: "function", line: 7, endLine: 10 },
      ]),
    );
  });

  it("an edit above the callback, in another method, touches neither", () => {
    expect(touches(callback, spans, [hunk(3, 1)])).toEqual({ span: false, own: false });
    expect(touches(find, spans, [hunk(3, 1)])).toEqual({ span: false, own: false });
  });

  it("an edit inside the callback is the callback's, not its enclosing method's own lines", () => {
    expect(touches(callback, spans, [hunk(8, 1)])).toEqual({ span: true, own: true });
    expect(touches(find, spans, [hunk(8, 1)])).toEqual({ span: true, own: false });
  });

  it("an edit on the method's own line, or a deletion between its own lines, touches it", () => {
    expect(touches(find, spans, [hunk(6, 1)])).toEqual({ span: true, own: true });
    expect(touches(find, spans, [hunk(6, 0)])).toEqual({ span: true, own: true });
    expect(touches(callback, spans, [hunk(6, 1)])).toEqual({ span: false, own: false });
  });
});
