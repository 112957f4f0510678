// Function identity (path of enclosing declarations) and the names shown for anonymous functions.
import { describe, expect, it } from "@jest/globals";
import { analyzeSource } from "../../src/extract/source-facts.js";

const shown = (text: string, file = "a.tsx") => analyzeSource(text, file).facts.functions.map((f) => [f.displayName, f.key]);

describe("function identity and display names", () => {
  it("names callbacks by their enclosing function and what they are passed to, never a bare <anonymous>", () => {
    const text = [
      "export class App {",
      "  onKeyDown = withBatchedUpdates((event) => event);",
      "  render() { return <Button onClick={() => 1} />; }",
      "}",
      "function findChangedColumns(cols) {",
      "  return cols.filter((c) => c.a).map(function (c) { return c; });",
      "}",
      'export const actionX = register({ name: "x", perform: (els) => els });',
      "p.then((v) => v, (e) => e);",
      "(function () {})();",
    ].join("\n");
    expect(shown(text)).toEqual([
      ["App.onKeyDown › withBatchedUpdates callback", "/App/onKeyDown/withBatchedUpdates(0)"],
      ["App.render", "/App/render"],
      ["App.render › <Button> onClick", "/App/render/<Button>.onClick"],
      ["findChangedColumns", "/findChangedColumns"],
      // The chain's own callbacks are left out of the map callback's key: editing them does not move it.
      ["findChangedColumns › filter callback", "/findChangedColumns/cols.filter(0)"],
      ["findChangedColumns › map callback", "/findChangedColumns/cols.filter().map(0)"],
      ["actionX › perform", "/actionX/register(0)/perform"],
      ["then callback (argument 1)", "/p.then(0)"],
      ["then callback (argument 2)", "/p.then(1)"],
      ["immediately invoked function", "/()"],
    ]);
  });

  it("keeps every key when code is inserted above or a callback's body changes", () => {
    const body = (extra: string, inner: string) =>
      [extra, "export function f(xs: number[]) {", `  return xs.filter((x) => ${inner}).map((x) => x + 1);`, "}", "export class K { static s() { return [1].map((v) => v); } }"].join("\n");
    const keys = (text: string) => analyzeSource(text, "a.ts").facts.functions.map((f) => f.key);
    expect(keys(body("export const g = () => [0].map((z) => z);", "x > 2 && x < 9"))).toEqual(
      expect.arrayContaining(keys(body("", "x > 1"))),
    );
  });
});
