// What a PR's new or edited config flags at head (issue 14 item 2): per rule, counts and the first
// few findings; boundary module counts; globs matching nothing. Only when the PR edits the config.
import { describe, expect, it } from "@jest/globals";
import { previewConfig, PREVIEW_EXAMPLES } from "../../src/core/config-preview.js";
import { reviewChange } from "../../src/core/review.js";
import { layeredConfig, snapshot } from "./build.js";

const CONFIG = ".github/archreview.yml";
// Four domain files import infra; app <-> domain form a cycle; a stray boundary matches nothing.
const head = snapshot("h", [
  ["src/domain/a.ts", "src/infra/db.ts"],
  ["src/domain/b.ts", "src/infra/db.ts"],
  ["src/domain/c.ts", "src/infra/db.ts"],
  ["src/domain/d.ts", "src/infra/db.ts"],
  ["src/app/use.ts", "src/domain/a.ts"],
  ["src/domain/a.ts", "src/app/use.ts", { line: 7 }],
]);

describe("previewConfig", () => {
  it("counts each rule's findings at head, keeps the first few, and counts modules per boundary", () => {
    const config = layeredConfig({ boundaries: [...layeredConfig().boundaries, { name: "web", patterns: ["src/web/**"] }] });
    const preview = previewConfig(CONFIG, config, head);
    expect(preview.file).toBe(CONFIG);
    expect(preview.rules.map(({ rule, severity, count }) => ({ rule, severity, count }))).toEqual([
      { rule: "domain-not-to-infra", severity: "error", count: 4 },
      { rule: "domain-not-to-app", severity: "error", count: 1 },
      { rule: "no-cycles", severity: "error", count: 1 },
    ]);
    expect(preview.rules[0]?.examples.map((f) => f.file)).toEqual(["src/domain/a.ts", "src/domain/b.ts", "src/domain/c.ts"].slice(0, PREVIEW_EXAMPLES));
    expect(preview.rules[2]?.examples).toEqual([expect.objectContaining({ kind: "cycle", modules: expect.arrayContaining(["src/app/use.ts", "src/domain/a.ts"]) })]);
    expect(preview.boundaries).toEqual({ domain: 4, app: 1, infra: 1, web: 0 });
    expect(preview.warnings).toEqual([expect.stringContaining("Boundary `web`: glob `src/web/**` matches no source module at head")]);
  });

  it("is in the review only when the PR edits the config and its head config parses", () => {
    const base = snapshot("b", []);
    const input = { base, head, changes: [], config: layeredConfig(), headBoundaryNames: null, configChangedFile: null, notices: [] };
    expect(reviewChange(input).configPreview).toBeUndefined();
    expect(reviewChange({ ...input, configChangedFile: CONFIG, headConfig: null }).configPreview).toBeUndefined();
    const edited = reviewChange({ ...input, configChangedFile: CONFIG, headBoundaryNames: ["domain", "app", "infra"], headConfig: layeredConfig({ rules: [], cycles: { severity: "off", includeTypeOnly: false } }) });
    expect(edited.configPreview).toEqual({ file: CONFIG, rules: [], boundaries: { domain: 4, app: 1, infra: 1 }, warnings: [] });
  });
});
