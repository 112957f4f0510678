// Issue 13's false alarms, reproduced on base/head sources: a function is compared with the same
// function at base (by its enclosing declarations), and judged only when the change touched its lines.
import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/config/defaults.js";
import { sizeFindings } from "../../src/core/size.js";
import { analyzeSource } from "../../src/extract/source-facts.js";
import { lineHunks } from "../../src/extract/line-diff.js";

const limits = { ...defaultConfig().limits, functionComplexity: 5, publicMethods: 3 };

/** A callback with `n` decision points (complexity n + 1). */
const branchy = (n: number, v = "c"): string => Array.from({ length: n }, (_, i) => `    if (${v}.f${i}) return ${i};`).join("\n");

function review(baseText: string, headText: string, file = "src/driver.ts") {
  return sizeFindings({
    touched: [file],
    baseFacts: { [file]: analyzeSource(baseText, file).facts },
    headFacts: { [file]: analyzeSource(headText, file).facts },
    previousPathOf: (p) => p,
    limits,
    hunks: { [file]: lineHunks(baseText, headText) },
  });
}

const driver = (requireLine: string, extraTop = ""): string =>
  [
    'import { a } from "./a";',
    extraTop,
    "export class Driver {",
    "  names(cols: any[]) { return cols.map((c) => c.name); }",
    "  findChangedColumns(columnMetadatas: any[]) {",
    "    return columnMetadatas.filter((c) => {",
    branchy(16),
    "      return -1;",
    "    });",
    "  }",
    "  load() {",
    `    return ${requireLine};`,
    "  }",
    "}",
  ].join("\n");

describe("size findings follow function identity and the touched lines", () => {
  it("does not report an unchanged complex callback below an edit (the require() PR)", () => {
    const base = driver('require("mysql")');
    const head = driver('await import("mysql2")');
    // Sanity: the callback is complex, and a name-only match would have paired it with another `<anonymous>`.
    expect(analyzeSource(head, "x.ts").facts.functions.find((f) => f.complexity > 5)?.displayName).toBe("Driver.findChangedColumns › filter callback");
    expect(review(base, head).complexFunctions).toEqual([]);
  });

  it("does not report an unchanged callback below a newly inserted function with its own callbacks", () => {
    const base = driver('require("mysql")');
    const inserted = ["export function helper(xs: number[]) {", "  return xs.map((x) => x * 2).filter((x) => x > 1);", "}"].join("\n");
    const head = driver('require("mysql")', inserted);
    expect(review(base, head).complexFunctions).toEqual([]);
  });

  it("does not report an unchanged method that shares its name with 17 siblings when one sibling is added", () => {
    const action = (i: number, body: string) => [`  { name: "a${i}", perform(els: any) {`, body, "    return 0;", "  } },"].join("\n");
    const actions = (n: number, inserted: number | null) =>
      ["export const actions = [", ...Array.from({ length: n }, (_, i) => (i === inserted ? action(99, branchy(8, "els")) + "\n" : "") + action(i, branchy(i === 16 ? 16 : 2, "els"))), "];"].join("\n");
    const base = actions(18, null);
    const head = actions(18, 3); // a new, complex `perform` before the fourth
    const found = review(base, head).complexFunctions;
    // Only the new sibling is reported; the 17th (complexity 17 at base and head) is not, nor given another's base figure.
    expect(found.map((f) => [f.name, f.complexity, f.baseComplexity])).toEqual([["perform", 9, null]]);
  });

  it("reports a callback whose body the change grows past the limit, with its enclosing name and base complexity", () => {
    const withCallback = (n: number) =>
      ["export function findChangedColumns(cols: any[]) {", "  const x = 1;", "  return cols.filter((c) => {", branchy(n), "    return -1;", "  });", "}"].join("\n");
    const found = review(withCallback(2), withCallback(7)).complexFunctions;
    expect(found).toEqual([
      expect.objectContaining({ name: "<anonymous>", displayName: "findChangedColumns › filter callback", line: 3, baseLine: 3, complexity: 8, baseComplexity: 3 }),
    ]);
  });

  it("does not report an unchanged method of a renamed class: its own lines are untouched, though its path is new", () => {
    const cls = (name: string) => [`export class ${name} {`, "  run(c: any) {", branchy(8), "    return 0;", "  }", "}"].join("\n");
    expect(review(cls("Foo"), cls("Bar")).complexFunctions).toEqual([]);
    // The same method in an added file is new code and is reported.
    expect(review("", cls("Bar")).complexFunctions.map((f) => [f.displayName, f.baseComplexity])).toEqual([["Bar.run", null]]);
  });

  it("reports a class's public methods only when the change touched the class and it gained them", () => {
    const cls = (methods: string[], comment: string) => [`// ${comment}`, "export class Service {", ...methods.map((m) => `  ${m}() { return 1; }`), "}"].join("\n");
    const five = ["a", "b", "c", "d", "e"];
    expect(review(cls(five, "old"), cls(five, "new")).largeClasses).toEqual([]);
    expect(review(cls(["a", "b"], "x"), cls(["a", "b", "z", "y"], "x")).largeClasses).toEqual([
      expect.objectContaining({ name: "Service", displayName: "Service", publicMethods: 4, basePublicMethods: 2, baseLine: 2 }),
    ]);
  });
});

describe("quiet growth of what was already past its limit", () => {
  const grow = (baseComplexity: number, headComplexity: number) => {
    const fn = (n: number) => ["export function f(c: any) {", branchy(n - 1), "  return 0;", "}"].join("\n");
    return review(fn(baseComplexity), fn(headComplexity)).complexFunctions.map((f) => [f.baseComplexity, f.complexity]);
  };

  it("reports crossing the limit at once, and growth past it only by max(10%, 3) decision points", () => {
    expect(grow(5, 6)).toEqual([[5, 6]]); // crossing
    expect(grow(20, 22)).toEqual([]); // +2 on an already complex function
    expect(grow(20, 23)).toEqual([[20, 23]]);
    expect(grow(40, 43)).toEqual([]); // 10% of 40 is 4
    expect(grow(40, 44)).toEqual([[40, 44]]);
  });

  it("reports a file already past its limit only when it grows by max(10%, 50 lines), and honours limits.growth", () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join("\n");
    const files = (baseLines: number, headLines: number, growth?: typeof limits.growth) =>
      sizeFindings({
        touched: ["big.ts"],
        baseFacts: { "big.ts": analyzeSource(lines(baseLines), "big.ts").facts },
        headFacts: { "big.ts": analyzeSource(lines(headLines), "big.ts").facts },
        previousPathOf: (p) => p,
        limits: { ...limits, fileLines: 100, ...(growth ? { growth } : {}) },
        hunks: { "big.ts": lineHunks(lines(baseLines), lines(headLines)) },
      }).oversizedFiles.map((f) => f.lines);
    expect(files(1000, 1099)).toEqual([]);
    expect(files(1000, 1100)).toEqual([1100]);
    expect(files(200, 249)).toEqual([]);
    expect(files(200, 250)).toEqual([250]);
    expect(files(90, 101)).toEqual([101]);
    expect(files(200, 201, { percent: 0, fileLines: 0, functionComplexity: 0, publicMethods: 0 })).toEqual([201]);
  });
});
