// dependency-cruiser's `exoticRequireStrings`: calls to those names are requires of kind
// "exotic-require" (tsc/extract-typescript-deps.mjs isExoticRequire), read by the fast scan.
import { describe, expect, it } from "@jest/globals";
import { scanImportSites } from "../../src/extract/fast-scan.js";
import { siteKinds } from "../../src/extract/fast-kinds.js";

const SOURCE = [
  'const a = want("./a");',
  'const b = x.want("./b");', // a member call: not the function `want`
  'const c = new want("./c");', // a NewExpression: dependency-cruiser does not count it
  'const d = window.require("./d");',
  "const e = want(name);", // no literal
  "const f = want(`./f`);",
  'const g = require("./g");',
  'const h = other.require("./h");',
].join("\n");

describe("exotic requires in the fast scan", () => {
  it("reads calls to exotic require strings as exotic requires, and nothing without them", () => {
    const sites = scanImportSites(SOURCE, ["want", "window.require"]);
    expect(sites.map((s) => [s.specifier, s.line, s.exotic ?? null, siteKinds(s)])).toEqual([
      ["./a", 1, "want", ["exotic-require"]],
      ["./d", 4, "window.require", ["exotic-require"]],
      ["./f", 6, "want", ["exotic-require"]],
      ["./g", 7, null, ["require"]],
    ]);
    expect(scanImportSites(SOURCE).map((s) => s.specifier)).toEqual(["./g"]);
  });
});
