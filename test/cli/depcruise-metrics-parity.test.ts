// `moreUnstable` rules and folder rules (`scope: "folder"`) judged on archreview's graph: the same
// new and resolved violations as dependency-cruiser's CLI on base and head, folder violations naming
// the folders (no line: GitHub cannot annotate a folder, the comment and the summary list them).
import { describe, expect, it } from "@jest/globals";
import { cliDifferences, forbiddenOf, keyOf, runParity } from "./depcruise-rules-parity-harness.js";

describe("instability and folder rules, parity with dependency-cruiser's CLI", () => {
  it("reports moreUnstable module violations and folder violations as the CLI does", async () => {
    const run = await runParity({
      config: {
        forbidden: [
          { name: "a-to-stable-b", severity: "error", from: { path: "^src/a/" }, to: { path: "^src/b/", moreUnstable: true } },
          { name: "folder-a-to-stable-b", severity: "warn", scope: "folder", from: { path: "^src/a" }, to: { path: "^src/b", moreUnstable: true } },
          { name: "no-folder-cycles", severity: "error", scope: "folder", from: {}, to: { circular: true } },
        ],
      },
      base: {
        "src/a/x.ts": 'import { y } from "../b/y";\nexport const x = y;\n',
        "src/a/w.ts": 'import { x } from "./x";\nexport const w = x;\n',
        "src/b/y.ts": "export const y = 1;\n",
        "src/b/z.ts": "export const z = 2;\n",
        "src/c/q.ts": 'import { z } from "../b/z";\nexport const q = z;\n',
        // Folder src/a has dependents: more stable than src/b once src/b depends on two folders.
        "src/e/e.ts": 'import { w } from "../a/w";\nexport const e = w;\n',
        "src/f/f.ts": 'import { x } from "../a/x";\nexport const f = x;\n',
      },
      head: {
        // y now depends on three modules: more unstable than x, which depends on it.
        "src/b/y.ts": 'import { z } from "./z";\nimport { q } from "../c/q";\nimport { v } from "../d/v";\nexport const y = z + q + v;\n',
        "src/d/v.ts": "export const v = 3;\n",
      },
    });
    const { added, resolved } = cliDifferences(run);
    expect(new Set(forbiddenOf(run.review.newViolations).map(keyOf))).toEqual(added);
    expect(new Set(forbiddenOf(run.review.resolvedViolations).map(keyOf))).toEqual(resolved);
    // Not two empty sets: a module instability violation, a folder one and a folder cycle (the CLI lists a folder cycle from each of its folders) are new.
    expect([...added].sort()).toEqual(["a-to-stable-b|src/a/x.ts|src/b/y.ts", "folder-a-to-stable-b|src/a|src/b", "no-folder-cycles|src/b|src/c", "no-folder-cycles|src/c|src/b"]);
    const folder = forbiddenOf(run.review.newViolations).find((v) => v.rule === "folder-a-to-stable-b");
    expect(folder).toMatchObject({ from: "src/a", to: "src/b", line: null });
    expect(forbiddenOf(run.review.newViolations).find((v) => v.rule === "a-to-stable-b")?.line).toBe(1);
  }, 120_000);
});
