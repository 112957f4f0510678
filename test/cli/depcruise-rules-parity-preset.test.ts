// A configuration in the style of dependency-cruiser's own repository: `extends` of its bundled
// recommended-strict preset, rules with `$1` groups, a `module` rule about dependents, `exclude`
// and `doNotFollow` options, and `#alias` imports through package.json `imports`. archreview's new
// and resolved violations must be exactly the differences of dependency-cruiser's CLI on both trees.
import { describe, expect, it } from "@jest/globals";
import { cliDifferences, forbiddenOf, keyOf, reviewCycles, runParity } from "./depcruise-rules-parity-harness.js";

const CONFIG = {
  extends: "dependency-cruiser/configs/recommended-strict",
  forbidden: [
    { name: "cli-to-main-only", severity: "error", comment: "the cli reaches the engine through main only", from: { path: "^src/cli/" }, to: { path: "^src/(extract|validate)/" } },
    { name: "no-inter-module-utl", severity: "warn", from: { path: "^src/(extract|validate)/" }, to: { path: "^src/(extract|validate)/", pathNot: "^src/$1/" } },
    { name: "utl-module-not-shared-enough", severity: "warn", module: { path: "^src/utl/", numberOfDependentsLessThan: 2 }, from: { path: "^src/" } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsPreCompilationDeps: true,
  },
};

const PACKAGE_JSON = JSON.stringify({ name: "preset-fixture", version: "1.0.0", type: "module", imports: { "#utl/*": "./src/utl/*" } }, null, 2);

describe("a dependency-cruiser-style configuration extending recommended-strict", () => {
  it("gives exactly the CLI's added and resolved violations, cycles included", async () => {
    const run = await runParity({
      config: CONFIG,
      base: {
        "package.json": PACKAGE_JSON,
        "src/main.ts": 'import { extract } from "./extract/extract.ts";\nimport { validate } from "./validate/validate.ts";\nexport const main = (): unknown => validate(extract());\n',
        "src/cli/run.ts": 'import { main } from "../main.ts";\nimport { extract } from "../extract/extract.ts";\nexport const run = (): unknown => [main(), extract()];\n',
        "src/extract/extract.ts": 'import { log } from "#utl/log.ts";\nexport const extract = (): string => log("x");\n',
        "src/validate/validate.ts": 'import { log } from "#utl/log.ts";\nexport const validate = (s: string): string => log(s);\n',
        "src/utl/log.ts": "export const log = (s: string): string => s;\n",
        "src/utl/lonely.ts": "export const lonely = 1;\n",
        "src/generated/api.ts": "export const api = 1;\n",
      },
      head: {
        "src/cli/run.ts": 'import { main } from "../main.ts";\nexport const run = (): unknown => main();\n',
        "src/extract/extract.ts": 'import { log } from "#utl/log.ts";\nimport { validate } from "../validate/validate.ts";\nexport const extract = (): string => validate(log("x"));\n',
        "src/validate/validate.ts": 'import { log } from "#utl/log.ts";\nimport { fmt } from "#utl/fmt.ts";\nimport { extract } from "../extract/extract.ts";\nexport const validate = (s: string): string => log(fmt(s)) + String(extract.length);\n',
        "src/utl/fmt.ts": "export const fmt = (s: string): string => s;\n",
        "src/utl/lonely.ts": null,
        "src/generated/client.ts": "export const client = 1;\n",
      },
    });
    const { added, resolved, cycles } = cliDifferences(run);
    expect(new Set(forbiddenOf(run.review.newViolations).map(keyOf))).toEqual(added);
    expect(new Set(forbiddenOf(run.review.resolvedViolations).map(keyOf))).toEqual(resolved);
    const ours = reviewCycles(run.review);
    for (const key of added) expect([key, ours.get(key)]).toEqual([key, cycles.get(key)]);
    const rules = (keys: Set<string>): string[] => [...new Set([...keys].map((k) => k.split("|")[0] ?? ""))].sort();
    expect(rules(added)).toEqual(["no-circular", "no-inter-module-utl", "utl-module-not-shared-enough"]);
    expect(rules(resolved)).toEqual(["cli-to-main-only", "no-orphans", "utl-module-not-shared-enough"]);
  }, 120_000);
});
