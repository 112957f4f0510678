// `options.exoticRequireStrings`: calls to those names are dependencies of type `exotic-require`,
// `exoticallyRequired`, as dependency-cruiser extracts them; rules on them give the CLI's verdicts.
import { describe, expect, it } from "@jest/globals";
import { cliDifferences, forbiddenOf, keyOf, runParity } from "./depcruise-rules-parity-harness.js";

describe("exoticallyRequired with exoticRequireStrings, parity with dependency-cruiser's CLI", () => {
  it("reads want() and window.require() as exotic requires and judges exoticallyRequired, exoticRequire and dependencyTypes rules", async () => {
    const run = await runParity({
      config: {
        forbidden: [
          { name: "no-exotic", severity: "error", from: {}, to: { exoticallyRequired: true } },
          { name: "no-want-of-b", severity: "warn", from: {}, to: { path: "^src/b", exoticRequire: "^want$" } },
          { name: "no-exotic-type", severity: "warn", from: { path: "^src/app" }, to: { dependencyTypes: ["exotic-require"] } },
          { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
        ],
        options: { exoticRequireStrings: ["want", "window.require"] },
      },
      base: {
        "src/app/main.ts": 'declare const want: (s: string) => unknown;\nexport const main = 1;\n',
        "src/b.ts": "export const b = 1;\n",
        "src/c.ts": "export const c = 1;\n",
        "src/d.js": 'module.exports = 1;\n',
      },
      head: {
        "src/app/main.ts": 'declare const want: (s: string) => unknown;\ndeclare const window: { require: (s: string) => unknown };\nexport const b = want("../b");\nexport const c = window.require("../c");\nexport const main = 1;\n',
        // An exotic require in plain JavaScript, closing a cycle through it.
        "src/d.js": 'const want = require;\nconst main = want("./app/main");\nmodule.exports = main;\n',
        "src/c.ts": 'import "./d.js";\nexport const c = 1;\n',
      },
    });
    const { added, resolved } = cliDifferences(run);
    expect(new Set(forbiddenOf(run.review.newViolations).map(keyOf))).toEqual(added);
    expect(new Set(forbiddenOf(run.review.resolvedViolations).map(keyOf))).toEqual(resolved);
    // Not two empty sets: every rule sees the exotic requires.
    expect([...new Set([...added].map((k) => k.split("|")[0]))].sort()).toEqual(["no-circular", "no-exotic", "no-exotic-type", "no-want-of-b"]);
  }, 120_000);
});
