// Line hunks between base and head: exact on small cases, and on random edits every line outside
// the hunks maps to an identical base line and the hunks account for every line on both sides.
import { describe, expect, it } from "@jest/globals";
import { baseLineMapper, touchesOwnLines } from "../../src/core/change-lines.js";
import { addedFileHunks, lineHunks, splitLines } from "../../src/extract/line-diff.js";

describe("lineHunks", () => {
  it("finds insertions, deletions and edits as unified-diff hunks", () => {
    expect(lineHunks("a\nb\nc\n", "a\nb\nc")).toEqual([]);
    expect(lineHunks("a\nb\nc\n", "a\nx\nb\nc\n")).toEqual([{ baseStart: 1, baseCount: 0, headStart: 2, headCount: 1 }]);
    expect(lineHunks("a\nb\nc\n", "a\nc\n")).toEqual([{ baseStart: 2, baseCount: 1, headStart: 1, headCount: 0 }]);
    expect(lineHunks("a\nb\nc\n", "a\nB\nc\n")).toEqual([{ baseStart: 2, baseCount: 1, headStart: 2, headCount: 1 }]);
    expect(addedFileHunks("x\ny\n")).toEqual([{ baseStart: 0, baseCount: 0, headStart: 1, headCount: 2 }]);
  });

  it("counts a rewrite past the edit budget as one changed region", () => {
    expect(lineHunks("1\n2\n3\n4\n", "1\n9\n8\n4\n", 1)).toEqual([{ baseStart: 2, baseCount: 2, headStart: 2, headCount: 2 }]);
  });

  it("maps every unchanged head line to an identical base line, on random edits", () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let round = 0; round < 200; round++) {
      const base = Array.from({ length: random(40) }, () => `l${random(6)}`);
      const head = [...base];
      for (let e = random(6); e > 0; e--) {
        const at = random(head.length + 1);
        if (random(2) === 0) head.splice(at, 0, `n${random(6)}`);
        else head.splice(at, 1);
      }
      const hunks = lineHunks(base.join("\n"), head.join("\n"));
      const toBase = baseLineMapper(hunks);
      let unchanged = 0;
      head.forEach((line, i) => {
        const b = toBase(i + 1);
        if (b === null) return;
        unchanged++;
        expect(base[b - 1]).toBe(line);
      });
      expect(unchanged + hunks.reduce((n, h) => n + h.headCount, 0)).toBe(head.length);
      expect(unchanged + hunks.reduce((n, h) => n + h.baseCount, 0)).toBe(base.length);
    }
  });

  it("splits lines as countLines counts them", () => {
    expect(splitLines("a\r\nb\rc\n")).toEqual(["a", "b", "c"]);
  });
});

describe("touchesOwnLines", () => {
  const outer = { line: 1, endLine: 10 };
  const nested = { line: 3, endLine: 8 };
  it("leaves lines inside a nested function to that function", () => {
    expect(touchesOwnLines(outer, [outer, nested], [{ baseStart: 5, baseCount: 1, headStart: 5, headCount: 1 }])).toBe(false);
    expect(touchesOwnLines(nested, [outer, nested], [{ baseStart: 5, baseCount: 1, headStart: 5, headCount: 1 }])).toBe(true);
    expect(touchesOwnLines(outer, [outer, nested], [{ baseStart: 9, baseCount: 1, headStart: 9, headCount: 1 }])).toBe(true);
  });
  it("counts a deletion between two own lines, not one just above the function", () => {
    expect(touchesOwnLines(outer, [outer], [{ baseStart: 3, baseCount: 2, headStart: 2, headCount: 0 }])).toBe(true);
    expect(touchesOwnLines({ line: 5, endLine: 9 }, [], [{ baseStart: 3, baseCount: 2, headStart: 4, headCount: 0 }])).toBe(false);
  });
});
