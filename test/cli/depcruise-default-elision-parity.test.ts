// A .dependency-cruiser.json without `options` is read as dependency-cruiser reads it:
// `tsPreCompilationDeps` false, so an import whose bindings are used as types only (TypeScript
// elides it) breaks no path rule and closes no cycle for its rules: the same differences as its CLI.
// archreview's own cycle finding still counts that import (its rules see every import).
import { describe, expect, it } from "@jest/globals";
import { cliDifferences, forbiddenOf, keyOf, runParity } from "./depcruise-rules-parity-harness.js";

describe("tsPreCompilationDeps unset: dependency-cruiser's default (false), parity with its CLI", () => {
  it("an import used only as a type breaks no path rule and closes no cycle for dependency-cruiser's rules", async () => {
    const run = await runParity({
      config: {
        forbidden: [
          { name: "core-not-to-infra", severity: "error", from: { path: "^src/core/" }, to: { path: "^src/infra/" } },
          { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
        ],
      },
      base: {
        "src/core/model.ts": "export interface Model { id: string }\n",
        "src/core/service.ts": "export const service = 1;\n",
        "src/infra/db.ts": "export class Db { q = 1 }\nexport const connect = (): number => 1;\n",
        "src/ring/a.ts": "export class A { n = 1 }\n",
        "src/ring/b.ts": 'import { A } from "./a";\nexport const b = new A();\n',
        "src/loop/c.ts": "export const c = 1;\n",
        "src/loop/d.ts": 'import { c } from "./c";\nexport const d = c;\n',
      },
      head: {
        // A value-looking import used only in a type position: TypeScript drops it.
        "src/core/model.ts": 'import { Db } from "../infra/db";\nexport interface Model { id: string; db: Db }\n',
        // A value import: an edge for everyone.
        "src/core/service.ts": 'import { connect } from "../infra/db";\nexport const service = connect();\n',
        // Closes a ring through an import used only as a type: no cycle for dependency-cruiser.
        "src/ring/a.ts": 'import { b } from "./b";\nexport class A { n = 1 }\nexport type B = typeof b;\n',
        // Closes a real cycle.
        "src/loop/c.ts": 'import { d } from "./d";\nexport const c = 1;\nexport const again = () => d;\n',
      },
    });
    const { added, resolved } = cliDifferences(run);
    expect(new Set(forbiddenOf(run.review.newViolations).map(keyOf))).toEqual(added);
    expect(new Set(forbiddenOf(run.review.resolvedViolations).map(keyOf))).toEqual(resolved);
    // Not two empty sets: the value import and the real cycle are reported, the type-only ones are not.
    // (dependency-cruiser lists a cycle once, not once per import of it.)
    expect([...added].sort()).toEqual(["core-not-to-infra|src/core/service.ts|src/infra/db.ts", "no-circular|src/loop/c.ts|src/loop/d.ts"]);
    // archreview's own cycle finding counts the type-only import: the ring is a new cycle to it.
    const ownCycles = run.review.newCycles.map((c) => [...c.modules].sort().join(" "));
    expect(ownCycles).toEqual(expect.arrayContaining(["src/ring/a.ts src/ring/b.ts", "src/loop/c.ts src/loop/d.ts"]));
  }, 120_000);
});
