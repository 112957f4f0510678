import { describe, expect, it } from "@jest/globals";
import { ConfigError, formatConfigError, jsConfigNotice } from "../../src/config/index.js";
import { closest } from "../../src/config/suggest.js";

describe("formatConfigError", () => {
  const base = { file: ".github/archreview.yml", line: 4, column: 15, key: "rules[0].severity", reason: "must be one of error, warn" };

  it("puts file, line, column, key and reason on one line", () => {
    expect(formatConfigError(base)).toBe(".github/archreview.yml:4:15: rules[0].severity: must be one of error, warn");
  });

  it("leaves out the parts that are unknown", () => {
    expect(formatConfigError({ ...base, column: null })).toBe(".github/archreview.yml:4: rules[0].severity: must be one of error, warn");
    expect(formatConfigError({ ...base, line: null, column: null, key: null })).toBe(".github/archreview.yml: must be one of error, warn");
  });
});

describe("ConfigError", () => {
  it("carries the detail and uses the formatted line as message", () => {
    const detail = { file: "f.yml", line: 1, column: 2, key: "adr", reason: "bad" };
    const error = new ConfigError(detail);
    expect(error).toBeInstanceOf(Error);
    expect(error.detail).toBe(detail);
    expect(error.message).toBe("f.yml:1:2: adr: bad");
    expect(error.name).toBe("ConfigError");
  });
});

describe("jsConfigNotice", () => {
  it("says the code config was not run and where the rules can go instead", () => {
    const notice = jsConfigNotice(".dependency-cruiser.cjs");
    expect(notice).toContain("never executes code from the repository it reviews, so .dependency-cruiser.cjs was not read");
    expect(notice).toContain(".dependency-cruiser.json (plain JSON, same schema)");
    expect(notice).toContain("`forbidden:` key of .github/archreview.yml");
    expect(notice).toContain(`node -e 'import("./.dependency-cruiser.cjs").then(m => console.log(JSON.stringify((m.default ?? m).forbidden, null, 2)))'`);
    expect(notice).not.toContain("TypeScript");
  });

  it("mentions the Node version that can import a TypeScript config", () => {
    expect(jsConfigNotice(".dependency-cruiser.mts")).toContain("Node 22.18 or later for a TypeScript file");
  });
});

describe("closest (did-you-mean)", () => {
  it.each([
    ["boundary", "boundaries"],
    ["from", "from"],
    ["form", "from"],
    ["skip_drafts", "skipDrafts"],
    ["infra", "infrastructure"],
  ])("suggests %s -> %s", (typo, expected) => {
    expect(closest(typo, ["boundaries", "from", "skipDrafts", "infrastructure", "rules"])).toBe(expected);
  });

  it("suggests nothing for an unrelated word", () => {
    expect(closest("colour", ["boundaries", "rules", "adr"])).toBeUndefined();
  });
});
