// The `generated` section and `limits.growth`: additive keys with defaults when left out.
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_GENERATED, DEFAULT_GROWTH } from "../../src/config/defaults.js";
import { configError, validConfig, yaml } from "./helpers.js";

describe("generated and limits.growth", () => {
  it("leaves both out by default (the review applies DEFAULT_GENERATED and DEFAULT_GROWTH)", () => {
    const { config } = validConfig("cycles: warn\n");
    expect(config.generated).toBeUndefined();
    expect(config.limits.growth).toBeUndefined();
    expect(DEFAULT_GROWTH).toEqual({ percent: 10, fileLines: 50, functionComplexity: 3, publicMethods: 2 });
    expect(DEFAULT_GENERATED).toEqual({ ignore: [], include: [] });
  });

  it("reads globs for generated files and a partial growth setting", () => {
    const { config } = validConfig(yaml('generated: { ignore: ["src/api/**"], include: "src/api/hand.ts" }', "limits: { fileLines: 400, growth: { percent: 20, fileLines: 0 } }"));
    expect(config.generated).toEqual({ ignore: ["src/api/**"], include: ["src/api/hand.ts"] });
    expect(config.limits).toEqual(expect.objectContaining({ fileLines: 400, growth: { percent: 20, fileLines: 0, functionComplexity: 3, publicMethods: 2 } }));
  });

  it("names the key and the reason for bad values", () => {
    expect(configError("generated: { skip: [] }\n")).toEqual(expect.objectContaining({ key: "generated.skip", line: 1 }));
    expect(configError("limits: { growth: { percent: -1 } }\n")).toEqual(
      expect.objectContaining({ key: "limits.growth.percent", reason: "must be a whole number, 0 or more, got number -1" }),
    );
    expect(configError("limits: { growth: { lines: 5 } }\n")).toEqual(expect.objectContaining({ key: "limits.growth.lines" }));
  });
});
