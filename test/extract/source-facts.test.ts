// Sizes and complexity: the numbers the review compares against limits, so they are exact.
import { describe, it, expect } from "@jest/globals";
import { analyzeSource, countLines } from "../../src/extract/source-facts.js";

const fn = (text: string, name: string, file = "a.ts") => {
  const found = analyzeSource(text, file).facts.functions.filter((f) => f.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("line counting", () => {
  it.each([
    ["", 0],
    ["\n", 1],
    ["a", 1],
    ["a\nb", 2],
    ["a\nb\n", 2],
    ["a\r\nb\r\n", 2],
    ["a\r\nb", 2],
    ["a\n\n", 2], // an empty line in the middle of the file is still a line
    ["a\rb\r", 2], // lone \r (classic Mac)
  ])("%j has %d lines", (text, lines) => {
    expect(countLines(text)).toBe(lines);
    expect(analyzeSource(text, "x.ts").facts.lines).toBe(lines);
  });
});

describe("cyclomatic complexity", () => {
  it("counts every decision construct once", () => {
    const text = [
      "function all(a: any) {", //          1
      "  if (a) {}", //                      +1 if
      "  else if (a.b) {}", //               +1 (else-if is another if)
      "  const c = a ? 1 : 2;", //           +1 ?:
      "  switch (a) { case 1: case 2: break; default: }", // +2 cases, default not counted
      "  for (let i = 0; i < 1; i++) {}", // +1
      "  for (const k in a) {}", //          +1
      "  for (const v of a) {}", //          +1
      "  while (a) {}", //                   +1
      "  do {} while (a);", //               +1
      "  try {} catch {}", //                +1 catch (finally is not a branch)
      "  const d = (a && a.b || a.c) ?? 1;", // +3
      "  a.x &&= 1; a.y ||= 2; a.z ??= 3;", // +3
      "  const e = a?.b + (a | 1);", //      optional chaining and bitwise or do not count
      "}",
    ].join("\n");
    expect(fn(text, "all").complexity).toBe(1 + 2 + 1 + 2 + 5 + 1 + 3 + 3);
  });

  it("a function without branches has complexity 1", () => {
    expect(fn("const f = () => 1;", "f").complexity).toBe(1);
  });

  it("decision points in a nested function belong to the nested function only", () => {
    const text = [
      "function outer(x: number) {",
      "  if (x) {}",
      "  const inner = (y: number = x ?? 0) => { if (y) {} return y > 1 ? 1 : 0; };",
      "  class K { m() { while (x) {} } }",
      "  return [1].map(function (v) { return v || x; });",
      "}",
    ].join("\n");
    const { functions } = analyzeSource(text, "a.ts").facts;
    expect(functions).toEqual([
      { name: "outer", line: 1, complexity: 2, key: "/outer", displayName: "outer", endLine: 6 },
      { name: "inner", line: 3, complexity: 4, key: "/outer/inner", displayName: "outer › inner", endLine: 3 }, // default ??, if, ?:
      { name: "K.m", line: 4, complexity: 2, key: "/outer/K/m", displayName: "outer › K.m", endLine: 4 },
      { name: "<anonymous>", line: 5, complexity: 2, key: "/outer/(expr).map(0)", displayName: "outer › map callback", endLine: 5 },
    ]);
  });

  it("ignores type-level conditionals and top-level code", () => {
    const text = "type T<X> = X extends string ? 1 : 2;\nif (a) {}\nconst b = a && c;\n";
    expect(analyzeSource(text, "a.ts").facts.functions).toEqual([]);
  });
});

describe("function lines", () => {
  it("uses the line of the first token, not of leading comments", () => {
    const text = "// comment\n/** doc\n */\nexport function f() {}\n";
    expect(fn(text, "f").line).toBe(4);
  });

  it("skips overload signatures and abstract members (no body)", () => {
    const text = [
      "function o(a: string): void;",
      "function o(a: number): void;",
      "function o(a: any) {}",
      "abstract class A { abstract m(): void; n(): void; n(x?: number) {} }",
    ].join("\n");
    const names = analyzeSource(text, "a.ts").facts.functions.map((f) => `${f.name}@${f.line}`);
    expect(names).toEqual(["o@3", "A.n@4"]);
  });
});
