// A PR closing a 3-module cycle under a `no-circular` rule: archreview's JSON lists the violations
// dependency-cruiser's own JSON `summary.violations` lists — one per distinct cycle (its
// is-same-violation de-duplication), with the cycle path from which every import of it follows —
// not one per import of the cycle.
import { describe, expect, it } from "@jest/globals";
import { forbiddenOf, runParity } from "./depcruise-rules-parity-harness.js";

describe("a new 3-module cycle in the JSON, as dependency-cruiser's JSON lists it", () => {
  it("one violation with its cycle path, exactly the CLI's summary", async () => {
    const run = await runParity({
      config: { forbidden: [{ name: "no-circular", severity: "error", from: {}, to: { circular: true } }] },
      base: {
        "src/a.ts": "export const a = () => 1;\n",
        "src/b.ts": 'import { c } from "./c";\nexport const b = () => c;\n',
        "src/c.ts": 'import { a } from "./a";\nexport const c = () => a;\n',
      },
      head: { "src/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n' },
    });
    expect(run.before).toEqual([]);
    const cli = run.after.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, cycle: (v.cycle ?? []).map((step) => step.name) }));
    const ours = forbiddenOf(run.review.newViolations).map((v) => ({ rule: v.rule, from: v.from, to: v.to, cycle: v.cycle }));
    expect(ours).toEqual(cli);
    expect(ours).toEqual([{ rule: "no-circular", from: "src/a.ts", to: "src/b.ts", cycle: ["src/b.ts", "src/c.ts", "src/a.ts"] }]);
  }, 120_000);
});
