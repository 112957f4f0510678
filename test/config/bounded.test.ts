// Hostile configs end in a precise, short config error in bounded work (issue 16, Why 5 and 9).
import { describe, expect, it } from "@jest/globals";
import { parseDepcruiseJson } from "../../src/config/depcruise-json.js";
import { formatConfigError } from "../../src/config/errors.js";
import { parseConfig } from "../../src/config/parse.js";
import { MAX_CONFIG_BYTES } from "../../src/config/yaml-document.js";
import { FILE, configError, validConfig, yaml } from "./helpers.js";

const BILLION_LAUGHS = yaml(
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(",")}]`),
  "ignore: *i",
);

describe("config size", () => {
  it("refuses a 2 MB archreview.yml before parsing it, saying how large it is and the limit", () => {
    const text = `boundaries:\n${"  # padding padding padding padding padding padding padding padding padding padding\n".repeat(25_000)}`;
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(configError(text)).toEqual({ file: FILE, line: null, column: null, key: null, reason: "the file is 2.0 MB; archreview reads configs up to 256 KB" });
  });

  it("refuses a 2 MB .dependency-cruiser.json the same way", () => {
    const text = `{ "forbidden": [], "padding": "${"x".repeat(2 * 1024 * 1024)}" }`;
    const result = parseDepcruiseJson(text, ".dependency-cruiser.json");
    expect(result.ok ? null : result.error.reason).toBe("the file is 2.0 MB; archreview reads configs up to 256 KB");
  });

  it("counts bytes, not characters", () => {
    const text = `ignore: ["${"é".repeat(MAX_CONFIG_BYTES / 2 + 10)}"]\n`;
    expect(text.length).toBeLessThan(MAX_CONFIG_BYTES);
    expect(configError(text).reason).toMatch(/^the file is \d+ KB; archreview reads configs up to 256 KB$/);
  });
});

describe("linear parsing", () => {
  it("reads a mapping of 20,000 boundaries (the duplicate-key check is one pass)", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `  b${i}: a`);
    const text = yaml("boundaries:", ...lines);
    expect(text.length).toBeLessThan(MAX_CONFIG_BYTES);
    expect(validConfig(text).config.boundaries).toHaveLength(20_000);
  });

  it("still finds a duplicate key among 20,000, at its second occurrence", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `  b${i}: a`);
    const error = configError(yaml("boundaries:", ...lines, "  b7: again"));
    expect(error).toEqual({ file: FILE, line: 20_002, column: 3, key: null, reason: "Map keys must be unique" });
  });

  it("resolves 5,000 aliases and checks 3,000 rules against 3,000 boundaries", () => {
    const boundaries = ["  b0: &g s/**", ...Array.from({ length: 2999 }, (_, i) => `  b${i + 1}: *g`)];
    const rules = Array.from({ length: 3000 }, (_, i) => `  - {from: b${i}, allow: [b${(i + 1) % 3000}]}`);
    const ignores = ["  - &i gen/**", ...Array.from({ length: 2000 }, () => "  - *i")];
    const { config } = validConfig(yaml("boundaries:", ...boundaries, "rules:", ...rules, "ignore:", ...ignores));
    expect(config.boundaries[2999]).toEqual({ name: "b2999", patterns: ["s/**"] });
    expect(config.rules).toHaveLength(3000);
  });
});

describe("YAML bombs and deep nesting", () => {
  it("refuses a billion-laughs config as a short config error about aliases", () => {
    const result = parseConfig(BILLION_LAUGHS, FILE);
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : formatConfigError(result.error);
    expect(message).toMatch(/aliases expand to more than 100,000 values/);
    expect(message).not.toMatch(/internal/i);
    expect(message.length).toBeLessThan(500);
  });

  it.each([
    ["flow brackets", `ignore: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`],
    ["block sequences on one line", `ignore:\n${"- ".repeat(10_000)}x\n`],
    ["indentation", `ignore:\n${Array.from({ length: 400 }, (_, i) => `${" ".repeat(i)}-`).join("\n")} x\n`],
  ])("refuses nesting by %s before the parser recurses", (_how, text) => {
    expect(configError(text).reason).toBe("nested too deeply (archreview reads configs nested up to 64 levels)");
  });

  it("clips a huge key or value in messages", () => {
    const huge = "k".repeat(100_000);
    expect(formatConfigError(configError(`${huge}: 1\n`)).length).toBeLessThan(500);
    expect(formatConfigError(configError(`failOn: "${huge}"\n`)).length).toBeLessThan(500);
    expect(formatConfigError(configError(yaml("boundaries: { a: a/** }", "rules:", `  - { from: ${huge}, allow: [] }`))).length).toBeLessThan(500);
  });
});

describe("unsafe globs", () => {
  it("refuses a brace bomb in a boundary, naming the boundary", () => {
    const error = configError(yaml("boundaries:", "  domain: src/domain/**", `  bomb: ["src/**", "${"{a,aa}".repeat(30)}"]`));
    expect(error).toMatchObject({ line: 3, key: "boundaries.bomb[1]" });
    expect(error.reason).toMatch(/^glob "\{a,aa\}.*…" expands to more than 1,024 alternatives \(a brace bomb\)/);
    expect(formatConfigError(error).length).toBeLessThan(500);
  });

  it("refuses many wildcards in one path segment, and a very long glob, in ignore", () => {
    expect(configError("ignore: ['src/*a*a*a*a*a*b']\n")).toMatchObject({ key: "ignore[0]", reason: expect.stringContaining("has 6 wildcards (*) in one path segment") });
    const long = configError(`ignore: "${"a/".repeat(2000)}"\n`);
    expect(long).toMatchObject({ key: "ignore", reason: expect.stringContaining("is 4,000 characters long; archreview reads globs up to 1,000") });
  });

  it("accepts the globs real configs use", () => {
    const globs = ["src/domain/**", "src/{app,web}/**/*.{ts,tsx}", "**/*.test.*", "packages/*/src/**", "!(generated)/**", "src/[a-z]*/index.ts", "{1..9}/*"];
    expect(validConfig(yaml("ignore:", ...globs.map((g) => `  - "${g}"`))).config.ignore).toEqual(globs);
  });
});

describe("unsafe regular expressions in forbidden rules", () => {
  const rule = (path: string) =>
    yaml("forbidden:", ...[0, 1, 2].map((i) => `  - { name: ok-${i}, from: { path: "^src/a${i}" }, to: { path: "^src/b" } }`), `  - name: no-foo`, `    from: { path: "${path}" }`, "    to: {}");

  it("refuses (a|aa)+$, which dependency-cruiser's own check lets through, naming the rule and the key", () => {
    const error = configError(rule("(a|aa)+$"));
    expect(error).toMatchObject({ line: 6, key: "forbidden[3].from.path" });
    expect(formatConfigError(error)).toBe(
      `${FILE}:6:19: forbidden[3].from.path: rule "no-foo": "(a|aa)+$" is an unsafe regular expression (a repeated part that can match the same text in more than one way, like (a|aa)+)`,
    );
  });

  it.each([["(a+)+", "nested quantifier"], ["([^/]+/)*x", "nested quantifier"], ["(\\\\w|\\\\d)+", "more than one way"], ["(a?a)+", "more than one way"], ["[", "not a valid regular expression"]])(
    "refuses %s (%s)",
    (pattern, reason) => {
      expect(configError(rule(pattern)).reason).toContain(reason);
    },
  );

  it("checks every regex condition, lists and via paths too, and in .dependency-cruiser.json", () => {
    expect(configError(yaml("forbidden:", "  - { name: r, from: {}, to: { pathNot: [ok, \"(x+)+\"] } }"))).toMatchObject({ key: "forbidden[0].to.pathNot[1]" });
    expect(configError(yaml("forbidden:", "  - { name: r, from: {}, to: { via: { path: \"(x|x)*\" } } }"))).toMatchObject({ key: "forbidden[0].to.via.path" });
    const json = parseDepcruiseJson('{ "forbidden": [ { "name": "slow", "from": { "path": "(a|aa)+$" }, "to": {} } ] }', ".dependency-cruiser.json");
    expect(json.ok ? "" : formatConfigError(json.error)).toMatch(/forbidden\[0\]\.from\.path: rule "slow": "\(a\|aa\)\+\$" is an unsafe regular expression/);
  });

  it("clips a huge pattern in the message", () => {
    const error = configError(rule(`${"(a+)+".repeat(300)}`));
    expect(error.reason).toMatch(/is 1,500 characters long|unsafe/);
    expect(formatConfigError(configError(rule("x".repeat(5000)))).length).toBeLessThan(500);
  });

  it("accepts the patterns real rules use", () => {
    const patterns = ["^src/domain", "(^|/)node_modules/", "\\\\.(spec|test)\\\\.(js|ts)$", "^src/([^/]+)/.+", "^(packages/[^/]+)/", "^src/.*\\\\.ts$", ".*foo.*bar.*", "(\\\\.js|\\\\.ts)+", "^(src|lib)/[^/]+\\\\.(ts|tsx|js)$"];
    for (const pattern of patterns) expect(validConfig(rule(pattern)).config.forbidden).toHaveLength(4);
  });
});
