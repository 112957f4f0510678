import { describe, expect, it } from "@jest/globals";
import { FILE, validConfig, yaml } from "./helpers.js";

describe("parseConfig on a full valid file", () => {
  it("reads every key", () => {
    const text = yaml(
      "boundaries:",
      '  domain: ["src/domain/**"]',
      '  application: "src/application/**"',
      "  infrastructure: [src/infra/**, src/db/**]",
      "rules:",
      "  - from: domain",
      "    disallow: [application, infrastructure]",
      "    severity: error",
      "    allowTypeOnly: true",
      '    comment: "the domain stays pure"',
      "  - from: application",
      "    allow: [domain]",
      "    severity: warn",
      "cycles: { severity: warn, includeTypeOnly: true }",
      "stability: off",
      "limits: { fileLines: 400, functionComplexity: 10, publicMethods: 5, severity: error }",
      "adr: { directory: docs/adr }",
      "forbidden:",
      "  - name: no-lodash",
      "    severity: warn",
      "    from: {}",
      "    to: { path: lodash }",
      '  - from: { path: "^src" }',
      '    to: { dependencyTypes: ["npm-dev"] }',
      'ignore: ["dist/**", "**/*.test.ts"]',
      "failOn: warn",
      "skipDrafts: true",
    );
    const { config, warnings } = validConfig(text);
    expect(warnings).toEqual([]);
    expect(config).toEqual({
      boundaries: [
        { name: "domain", patterns: ["src/domain/**"] },
        { name: "application", patterns: ["src/application/**"] },
        { name: "infrastructure", patterns: ["src/infra/**", "src/db/**"] },
      ],
      rules: [
        { from: "domain", disallow: ["application", "infrastructure"], severity: "error", allowTypeOnly: true, comment: "the domain stays pure" },
        { from: "application", allow: ["domain"], severity: "warn", allowTypeOnly: false },
      ],
      cycles: { severity: "warn", includeTypeOnly: true },
      stability: "off",
      limits: { fileLines: 400, functionComplexity: 10, publicMethods: 5, severity: "error" },
      adr: { directory: "docs/adr", enabled: true },
      forbidden: [
        { name: "no-lodash", severity: "warn", from: {}, to: { path: "lodash" } },
        // Unnamed rules are numbered by position so findings can still name them.
        { name: "forbidden-1", severity: "error", from: { path: "^src" }, to: { dependencyTypes: ["npm-dev"] } },
      ],
      ignore: ["dist/**", "**/*.test.ts"],
      failOn: "warn",
      skipDrafts: true,
    });
  });

  it("keeps boundaries in file order, because the first match wins", () => {
    const { config } = validConfig(yaml("boundaries:", "  z: z/**", "  a: a/**", "  m: m/**"));
    expect(config.boundaries.map((b) => b.name)).toEqual(["z", "a", "m"]);
  });

  it("reads rules declared before the boundaries they refer to", () => {
    const { config } = validConfig(yaml("rules:", "  - { from: a, disallow: b }", "boundaries: { a: a/**, b: b/** }"));
    expect(config.rules).toEqual([{ from: "a", disallow: ["b"], severity: "error", allowTypeOnly: false }]);
  });

  it("accepts an empty allow list: the boundary may import nothing else", () => {
    const { config } = validConfig(yaml("boundaries: { core: core/** }", "rules: [{ from: core, allow: [] }]"));
    expect(config.rules[0]?.allow).toEqual([]);
  });
});

describe("parseConfig short forms", () => {
  it.each([
    ["error", { severity: "error", includeTypeOnly: false }],
    ["warn", { severity: "warn", includeTypeOnly: false }],
    ["off", { severity: "off", includeTypeOnly: false }],
  ])("cycles: %s is the severity alone", (value, expected) => {
    expect(validConfig(`cycles: ${value}\n`).config.cycles).toEqual(expected);
  });

  it("cycles as a mapping may set only includeTypeOnly", () => {
    expect(validConfig("cycles: { includeTypeOnly: true }\n").config.cycles).toEqual({ severity: "error", includeTypeOnly: true });
  });

  it("adr: false turns ADR stubs off", () => {
    expect(validConfig("adr: false\n").config.adr).toEqual({ directory: null, enabled: false });
  });

  it("adr directory is normalised to a plain relative folder", () => {
    expect(validConfig("adr: { directory: ./docs/decisions/ }\n").config.adr).toEqual({ directory: "docs/decisions", enabled: true });
  });

  it("single-string globs become one-element lists", () => {
    const { config } = validConfig(yaml("boundaries:", "  domain: src/domain/**", "ignore: dist/**"));
    expect(config.boundaries).toEqual([{ name: "domain", patterns: ["src/domain/**"] }]);
    expect(config.ignore).toEqual(["dist/**"]);
  });

  it("limits may set a subset and keep the other defaults", () => {
    expect(validConfig("limits: { fileLines: 800 }\n").config.limits).toEqual({
      fileLines: 800,
      functionComplexity: 15,
      publicMethods: 7,
      severity: "warn",
    });
  });

  it("follows YAML anchors and aliases", () => {
    const { config } = validConfig(yaml("boundaries:", "  a: &shared [lib/**]", "  b: *shared"));
    expect(config.boundaries).toEqual([
      { name: "a", patterns: ["lib/**"] },
      { name: "b", patterns: ["lib/**"] },
    ]);
  });
});

describe("parseConfig warnings", () => {
  it("warns when two rules share a from, pointing at the second one", () => {
    const { config, warnings } = validConfig(
      yaml("boundaries: { a: a/**, b: b/**, c: c/** }", "rules:", "  - { from: a, disallow: b }", "  - { from: a, disallow: c }"),
    );
    expect(config.rules).toHaveLength(2);
    expect(warnings).toEqual([`${FILE}:4:5: rules[1].from: "a" already has a rule (rules[0]); both apply`]);
  });

  it("does not warn about a boundary that no rule mentions", () => {
    expect(validConfig(yaml("boundaries: { a: a/**, lonely: l/** }")).warnings).toEqual([]);
  });

  it("warns about globs that can never match a repo-relative path", () => {
    const { warnings } = validConfig(yaml("boundaries:", "  domain: [src/x/**, ./src/domain/**]"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\.github\/archreview\.yml:2:22: boundaries\.domain\[1\]: glob "\.\/src\/domain\/\*\*" starts with "\.\/"/);
  });
});
