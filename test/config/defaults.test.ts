import { describe, expect, it } from "@jest/globals";
import {
  CONFIG_PATHS,
  DEFAULT_CONFIG,
  DEPCRUISE_CODE_CONFIG_PATHS,
  DEPCRUISE_JSON_PATHS,
  defaultConfig,
} from "../../src/config/index.js";
import { validConfig, yaml } from "./helpers.js";

describe("DEFAULT_CONFIG", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_CONFIG).toEqual({
      boundaries: [],
      rules: [],
      cycles: { severity: "error", includeTypeOnly: false },
      stability: "warn",
      limits: { fileLines: 500, functionComplexity: 15, publicMethods: 7, severity: "warn" },
      adr: { directory: null, enabled: true },
      forbidden: [],
      ignore: [],
      failOn: "error",
      skipDrafts: false,
    });
  });

  it("cannot be changed by accident, since every repository without a config shares it", () => {
    expect(Object.isFrozen(DEFAULT_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG.limits)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG.ignore)).toBe(true);
  });

  it("defaultConfig() hands out independent copies", () => {
    const mine = defaultConfig();
    mine.ignore.push("dist/**");
    mine.limits.fileLines = 10;
    expect(DEFAULT_CONFIG.ignore).toEqual([]);
    expect(DEFAULT_CONFIG.limits.fileLines).toBe(500);
    expect(defaultConfig().ignore).toEqual([]);
  });
});

describe("config file locations", () => {
  it("lists archreview's own config before the .yaml spelling", () => {
    expect(CONFIG_PATHS).toEqual([".github/archreview.yml", ".github/archreview.yaml"]);
  });

  it("separates dependency-cruiser JSON (read) from code configs (never executed)", () => {
    expect(DEPCRUISE_JSON_PATHS).toEqual([".dependency-cruiser.json"]);
    expect(DEPCRUISE_CODE_CONFIG_PATHS).toEqual([
      ".dependency-cruiser.js",
      ".dependency-cruiser.cjs",
      ".dependency-cruiser.mjs",
      ".dependency-cruiser.ts",
      ".dependency-cruiser.cts",
      ".dependency-cruiser.mts",
    ]);
  });
});

describe("parseConfig on files that set nothing", () => {
  it.each([
    ["an empty file", ""],
    ["only comments", yaml("# archreview config", "# nothing yet")],
    ["only a document marker", yaml("---")],
    ["keys left empty", yaml("boundaries:", "rules:", "limits:", "adr:", "ignore:")],
  ])("gives the defaults for %s", (_what, text) => {
    const { config, warnings } = validConfig(text);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(warnings).toEqual([]);
  });

  it("returns a copy the caller may change", () => {
    const { config } = validConfig("");
    config.rules.push({ from: "x", disallow: ["y"], severity: "error", allowTypeOnly: false });
    expect(DEFAULT_CONFIG.rules).toEqual([]);
  });
});
