// LCOM4 findings through the whole review: facts from real source (extract), judged by the core.
import { describe, expect, it } from "@jest/globals";
import type { Config } from "../../src/config/types.js";
import type { FileChange, FindingOf } from "../../src/core/model.js";
import { reviewChange } from "../../src/core/review.js";
import { analyzeSource } from "../../src/extract/source-facts.js";
import { layeredConfig, snapshot } from "./build.js";

const FILE = "src/app/account.ts";

const cohesive = `export class Account {
  private balance = 0;
  deposit(n: number) { this.balance += n; }
  withdraw(n: number) { this.balance -= n; }
}
`;

// The change adds an audit trail that shares nothing with the money: two responsibilities.
const split = `export class Account {
  private balance = 0;
  private log: string[] = [];
  deposit(n: number) { this.balance += n; }
  withdraw(n: number) { this.balance -= n; }
  audit(line: string) { this.log.push(line); }
  history() { return this.log.slice(); }
}
`;

function review(baseText: string | null, headText: string, config: Config = layeredConfig()) {
  const changes: FileChange[] = [{ kind: baseText === null ? "added" : "modified", path: FILE }];
  const base = snapshot("b", [], { modules: baseText === null ? [] : [FILE], facts: baseText === null ? {} : { [FILE]: analyzeSource(baseText, FILE).facts } });
  const head = snapshot("h", [], { modules: [FILE], facts: { [FILE]: analyzeSource(headText, FILE).facts } });
  return reviewChange({ base, head, changes, config, headBoundaryNames: null, configChangedFile: null, notices: [] });
}

const lowCohesion = (r: ReturnType<typeof review>) => r.findings.filter((f): f is FindingOf<"low-cohesion-class"> => f.kind === "low-cohesion-class");

describe("class cohesion findings", () => {
  it("reports a class the change splits into two unrelated method groups, naming both groups and their fields", () => {
    const r = review(cohesive, split);
    expect(r.classCohesion).toEqual([
      { file: FILE, name: "Account", displayName: "Account", line: 1, lcom4: 2, baseLcom4: 1, groups: [
        { methods: ["deposit", "withdraw"], fields: ["balance"] },
        { methods: ["audit", "history"], fields: ["log"] },
      ] },
    ]);
    const [finding] = lowCohesion(r);
    expect(finding).toMatchObject({ rule: "class-cohesion", severity: "warn", file: FILE, line: 1, lcom4: 2, baseLcom4: 1 });
    expect(finding?.hint).toBe(
      "Its methods form 2 groups that share no field and call no method of each other: {deposit, withdraw} using balance; {audit, history} using log. Each group is a candidate class.",
    );
    expect(r.counts).toEqual({ errors: 0, warnings: 1 });
  });

  it("reports a new class with LCOM4 >= 2, and stays quiet on a cohesive one or one already as split at base", () => {
    expect(lowCohesion(review(null, split))).toHaveLength(1);
    expect(lowCohesion(review(null, cohesive))).toEqual([]);
    expect(lowCohesion(review(split, split.replace("slice()", "slice(0)")))).toEqual([]);
  });

  it("is turned off by cohesion.classes: off", () => {
    const config = layeredConfig({ cohesion: { classes: "off", boundaries: "warn", relationalDropPercent: 25 } });
    const r = review(cohesive, split, config);
    expect(lowCohesion(r)).toEqual([]);
    // The measurement is still in the JSON.
    expect(r.classCohesion[0]?.lcom4).toBe(2);
  });
});
