// LCOM4 as extract computes it: methods linked by shared fields and by calls, constructors and
// accessors left out, `this` followed into arrows only.
import { describe, expect, it } from "@jest/globals";
import { analyzeSource } from "../../src/extract/source-facts.js";

const groupsOf = (text: string, cls = 0) => analyzeSource(text, "a.ts").facts.classes[cls]?.cohesion;

describe("class cohesion (LCOM4)", () => {
  it("finds two groups when two sets of methods share no field and call each other not", () => {
    const text = `export class Account {
  private balance = 0;
  private log: string[] = [];
  constructor(private readonly mailer: Mailer) { this.balance = 0; this.log = []; }
  deposit(n: number) { this.balance += n; }
  withdraw(n: number) { this.balance -= n; }
  audit(line: string) { this.log.push(line); }
  notify() { this.mailer.send(this.log.join()); }
}`;
    expect(groupsOf(text)).toEqual([
      { methods: ["deposit", "withdraw"], fields: ["balance"] },
      { methods: ["audit", "notify"], fields: ["log", "mailer"] },
    ]);
  });

  it("links methods that call each other, and follows `this` into arrows but not into nested functions", () => {
    const text = `class C {
  a() { return this.b(); }
  b() { return [1].map(() => this.x); }
  c() { return function (this: any) { return this.x; }; }
  handler = () => this.y;
  get total() { return this.x + this.y; }
  static make() { return new C(); }
}`;
    expect(groupsOf(text)).toEqual([
      { methods: ["a", "b"], fields: ["x"] },
      { methods: ["c"], fields: [] },
      { methods: ["handler"], fields: ["y"] },
    ]);
  });

  it("counts one group for a cohesive class and none for a class without methods", () => {
    expect(groupsOf("class A { n = 1; inc() { this.n++; } dec() { this.n--; } }")).toHaveLength(1);
    expect(groupsOf("class B { n = 1; constructor() { this.n = 2; } }")).toEqual([]);
  });

  it("keeps package imports (value imports only, first line each) and suppression comments in the facts", () => {
    const text = [
      'import { Entity } from "typeorm";',
      'import type { Request } from "express";',
      'import { x } from "./local";',
      "// archreview-ignore-next-line no-cycles: migration in progress, see #12",
      'import { Router } from "express";',
      "// archreview-ignore-next-line domain-not-infra",
      'import { Entity as E2 } from "typeorm";',
    ].join("\n");
    const facts = analyzeSource(text, "a.ts").facts;
    expect(facts.packageImports).toEqual([
      { specifier: "typeorm", line: 1 },
      { specifier: "express", line: 5 },
    ]);
    expect(facts.suppressions).toEqual([
      { line: 5, rule: "no-cycles", reason: "migration in progress, see #12" },
      { line: 7, rule: "domain-not-infra", reason: "" },
    ]);
  });

  it("leaves the notes out of files that have none", () => {
    const facts = analyzeSource('import { a } from "./a";\nexport const b = a;\n', "b.ts").facts;
    expect(facts).toEqual({ lines: 2, functions: [], classes: [] });
  });
});
