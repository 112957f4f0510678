// Rejections in boundaries, rules and forbidden: the parts that refer to each other.
import { describe, expect, it } from "@jest/globals";
import { FILE, configError, yaml } from "./helpers.js";

const BOUNDARIES = yaml("boundaries:", "  domain: src/domain/**", "  application: src/application/**");

/** Rules under the two boundaries above: the first rule line is line 5. */
function withRules(...ruleLines: string[]): string {
  return BOUNDARIES + yaml("rules:", ...ruleLines);
}

function expectRejected(text: string, where: { line: number; column: number; key: string }, reason: string): void {
  const error = configError(text);
  expect(error).toMatchObject({ file: FILE, ...where });
  expect(error.reason).toContain(reason);
}

describe("parseConfig boundaries", () => {
  it("rejects an empty glob list", () => {
    expectRejected(yaml("boundaries:", "  domain: []"), { line: 2, column: 11, key: "boundaries.domain" }, "the list of globs is empty");
  });

  it("rejects a boundary without globs", () => {
    expectRejected(yaml("boundaries:", "  domain:"), { line: 2, column: 10, key: "boundaries.domain" }, "expected a glob or a list of globs, got nothing");
  });

  it("rejects a glob that is not a string", () => {
    expectRejected(yaml("boundaries:", "  domain: [src/**, { x: 1 }]"), { line: 2, column: 20, key: "boundaries.domain[1]" }, "expected a glob (a string), got a mapping");
  });

  it("rejects an empty-string glob", () => {
    expectRejected(yaml("boundaries:", '  domain: ""'), { line: 2, column: 11, key: "boundaries.domain" }, "the glob is an empty string");
  });

  it("rejects boundaries given as a list", () => {
    expectRejected(yaml("boundaries:", "  - src/domain/**"), { line: 2, column: 3, key: "boundaries" }, "expected a mapping of boundary names to globs, got a list");
  });

  it("quotes boundary names that would make the key path ambiguous", () => {
    expectRejected(yaml("boundaries:", '  "web.ui": []'), { line: 2, column: 13, key: 'boundaries["web.ui"]' }, "empty");
  });
});

describe("parseConfig rules referring to boundaries", () => {
  it("rejects a from that is not a declared boundary, suggesting the close one", () => {
    expectRejected(
      withRules("  - from: domian", "    disallow: [application]"),
      { line: 5, column: 11, key: "rules[0].from" },
      'unknown boundary "domian" (did you mean "domain"?); declared boundaries: domain, application',
    );
  });

  it("rejects an undeclared name in disallow, pointing at that item", () => {
    expectRejected(
      withRules("  - from: domain", "    disallow: [application, infrastructure]"),
      { line: 6, column: 29, key: "rules[0].disallow[1]" },
      'unknown boundary "infrastructure"; declared boundaries: domain, application',
    );
  });

  it("rejects an undeclared name in a single-string allow", () => {
    expectRejected(withRules("  - from: application", "    allow: infra"), { line: 6, column: 12, key: "rules[0].allow" }, 'unknown boundary "infra"');
  });

  it("says so when no boundaries are declared at all", () => {
    expectRejected(yaml("rules:", "  - { from: domain, disallow: [x] }"), { line: 2, column: 13, key: "rules[0].from" }, "no boundaries are declared");
  });

  it("rejects a rule with both allow and disallow, at the allow key", () => {
    expectRejected(
      withRules("  - from: domain", "    disallow: [application]", "    allow: [application]"),
      { line: 7, column: 5, key: "rules[0]" },
      "has both allow and disallow",
    );
  });

  it("rejects a rule with neither allow nor disallow", () => {
    expectRejected(withRules("  - from: domain", "    severity: warn"), { line: 5, column: 5, key: "rules[0]" }, "needs allow or disallow");
  });

  it("rejects a rule without from", () => {
    expectRejected(withRules("  - disallow: [domain]"), { line: 5, column: 5, key: "rules[0].from" }, "is missing");
  });

  it("rejects an empty disallow list, which would forbid nothing", () => {
    expectRejected(withRules("  - from: domain", "    disallow: []"), { line: 6, column: 15, key: "rules[0].disallow" }, "would forbid nothing");
  });
});

describe("parseConfig rule fields", () => {
  it("rejects a severity out of range, naming allowed and given values", () => {
    expectRejected(
      withRules("  - from: domain", "    disallow: application", "    severity: critical"),
      { line: 7, column: 15, key: "rules[0].severity" },
      'must be one of error, warn; got "critical"',
    );
  });

  it("rejects an unknown key in a rule with a suggestion", () => {
    expectRejected(
      withRules("  - from: domain", "    dissallow: [application]"),
      { line: 6, column: 5, key: "rules[0].dissallow" },
      'unknown key "dissallow" (did you mean "disallow"?)',
    );
  });

  it("rejects a non-boolean allowTypeOnly and a non-string comment", () => {
    expectRejected(withRules("  - { from: domain, allow: [], allowTypeOnly: 1 }"), { line: 5, column: 47, key: "rules[0].allowTypeOnly" }, "expected true or false");
    expectRejected(withRules("  - { from: domain, allow: [], comment: [a] }"), { line: 5, column: 41, key: "rules[0].comment" }, "expected a string, got a list");
  });

  it("rejects rules that are not a list of mappings", () => {
    expectRejected(yaml("rules: { from: a }"), { line: 1, column: 8, key: "rules" }, "expected a list of rules");
    expectRejected(withRules("  - domain"), { line: 5, column: 5, key: "rules[0]" }, 'expected a rule (a mapping with from and allow or disallow), got "domain"');
  });
});

describe("parseConfig forbidden", () => {
  it("requires from and to objects", () => {
    expectRejected(yaml("forbidden:", "  - name: x", "    from: {}"), { line: 2, column: 5, key: "forbidden[0].to" }, "is missing");
    expectRejected(yaml("forbidden:", "  - from: src", "    to: {}"), { line: 2, column: 11, key: "forbidden[0].from" }, "expected an object");
  });

  it("checks dependency-cruiser's severity values", () => {
    expectRejected(
      yaml("forbidden:", "  - { from: {}, to: {}, severity: fatal }"),
      { line: 2, column: 35, key: "forbidden[0].severity" },
      'must be one of error, warn, info, ignore; got "fatal"',
    );
  });

  it("rejects forbidden that is not a list", () => {
    expectRejected(yaml("forbidden: { from: {}, to: {} }"), { line: 1, column: 12, key: "forbidden" }, "expected a list of dependency-cruiser rules");
  });
});
