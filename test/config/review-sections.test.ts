// `cohesion:`, `concerns:`, `responsibility:` and `suppress:` parse into Config, with defaults and precise errors.
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONCERNS } from "../../src/config/defaults.js";
import { parseConfig } from "../../src/config/parse.js";
import { FILE, validConfig, yaml } from "./helpers.js";

describe("review sections of the config", () => {
  it("reads cohesion, responsibility, concerns (merged over the defaults) and suppress", () => {
    const { config } = validConfig(
      yaml(
        "cohesion: { classes: error, relationalDropPercent: 40 }",
        "responsibility: { maxBoundaries: 5 }",
        "concerns:",
        "  persistence: [typeorm, \"src/db/**\"]",
        "  ui: []",
        "  queue: bullmq",
        "suppress:",
        "  - { rule: no-cycles, from: \"src/legacy/**\", reason: \"being untangled in #42\" }",
      ),
    );
    expect(config.cohesion).toEqual({ classes: "error", boundaries: "warn", relationalDropPercent: 40 });
    expect(config.responsibility).toEqual({ severity: "warn", maxBoundaries: 5, maxConcerns: 1 });
    expect(config.concerns).toEqual({ persistence: ["typeorm", "src/db/**"], http: DEFAULT_CONCERNS.http, queue: ["bullmq"] });
    expect(config.suppress).toEqual([{ rule: "no-cycles", from: "src/legacy/**", reason: "being untangled in #42" }]);
  });

  it("requires a reason on every suppress entry", () => {
    const result = parseConfig(yaml("suppress:", "  - rule: no-cycles"), FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ key: "suppress[0]", reason: "a suppression needs a `reason`: why this finding is accepted" });
  });
});
