import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/config/defaults.js";
import { sizeFindings } from "../../src/core/size.js";
import { facts } from "./build.js";

const limits = { ...defaultConfig().limits, fileLines: 100, functionComplexity: 5, publicMethods: 2 };
const keep = (p: string): string => p;

describe("sizeFindings", () => {
  it("reports a new file past the limit and a file grown while past it, not one that shrank or stayed under", () => {
    const r = sizeFindings({
      touched: ["new.ts", "grown.ts", "shrunk.ts", "small.ts"],
      headFacts: { "new.ts": facts(120), "grown.ts": facts(190), "shrunk.ts": facts(130), "small.ts": facts(90) },
      baseFacts: { "grown.ts": facts(140), "shrunk.ts": facts(135), "small.ts": facts(50) },
      previousPathOf: keep,
      limits,
    });
    expect(r.oversizedFiles).toEqual([
      { file: "new.ts", lines: 120, limit: 100, baseLines: null, severity: "warn" },
      { file: "grown.ts", lines: 190, limit: 100, baseLines: 140, severity: "warn" },
    ]);
  });

  it("ignores untouched files and compares a renamed file with its previous path", () => {
    const r = sizeFindings({
      touched: ["moved.ts"],
      headFacts: { "moved.ts": facts(200), "untouched.ts": facts(900) },
      baseFacts: { "before.ts": facts(200) },
      previousPathOf: (p) => (p === "moved.ts" ? "before.ts" : p),
      limits,
    });
    expect(r.oversizedFiles).toEqual([]);
  });

  it("reports functions and classes that became more complex past their limits", () => {
    const r = sizeFindings({
      touched: ["a.ts"],
      headFacts: { "a.ts": facts(10, [{ name: "f", line: 3, complexity: 9 }, { name: "g", line: 9, complexity: 7 }], [{ name: "C", line: 20, publicMethods: 3 }]) },
      baseFacts: { "a.ts": facts(10, [{ name: "f", line: 3, complexity: 6 }, { name: "g", line: 9, complexity: 7 }]) },
      previousPathOf: keep,
      limits,
    });
    expect(r.complexFunctions).toEqual([{ file: "a.ts", name: "f", displayName: "f", line: 3, baseLine: 3, complexity: 9, limit: 5, baseComplexity: 6, severity: "warn" }]);
    expect(r.largeClasses).toEqual([{ file: "a.ts", name: "C", displayName: "C", line: 20, baseLine: null, publicMethods: 3, limit: 2, basePublicMethods: null, severity: "warn" }]);
  });
});
