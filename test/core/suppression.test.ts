// Suppression: one `archreview-ignore-next-line <rule>: reason` comment silences exactly one
// finding, a `suppress:` entry silences what it matches; both are counted, never dropped.
import { describe, expect, it } from "@jest/globals";
import type { Config } from "../../src/config/types.js";
import type { Snapshot } from "../../src/core/model.js";
import { reviewChange } from "../../src/core/review.js";
import { analyzeSource } from "../../src/extract/source-facts.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { statsLine } from "../../src/report/summary.js";
import { layeredConfig, snapshot, type EdgeSpec } from "./build.js";

const FILE = "src/domain/order.ts";

// Two imports of the infrastructure from the domain: both break the `domain` rule.
const source = [
  "// archreview-ignore-next-line domain-infra: the outbox moves to infra in #31",
  'import { Outbox } from "../infra/outbox";',
  'import { Db } from "../infra/db";',
  "// archreview-ignore-next-line domain-infra",
  'import { Cache } from "../infra/cache";',
  "export const x = [Outbox, Db, Cache];",
].join("\n");

const edges: EdgeSpec[] = [
  [FILE, "src/infra/outbox.ts", { line: 2 }],
  [FILE, "src/infra/db.ts", { line: 3 }],
  [FILE, "src/infra/cache.ts", { line: 5 }],
];

function review(config: Config) {
  const head: Snapshot = snapshot("h", edges, { facts: { [FILE]: analyzeSource(source, FILE).facts } });
  return reviewChange({ base: snapshot("b", [], { modules: [FILE] }), head, changes: [{ kind: "modified", path: FILE }], config, headBoundaryNames: null, configChangedFile: null, notices: [] });
}

describe("suppression", () => {
  it("silences exactly the one finding on the line after a comment with a reason, and counts it", () => {
    const plain = review(layeredConfig());
    const rule = plain.newViolations[0]!.rule;
    const config = layeredConfig();
    const text = source.replaceAll("domain-infra", rule);
    const head: Snapshot = snapshot("h", edges, { facts: { [FILE]: analyzeSource(text, FILE).facts } });
    const r = reviewChange({ base: snapshot("b", [], { modules: [FILE] }), head, changes: [{ kind: "modified", path: FILE }], config, headBoundaryNames: null, configChangedFile: null, notices: [] });

    expect(plain.newViolations.map((v) => v.to)).toEqual(["src/infra/outbox.ts", "src/infra/db.ts", "src/infra/cache.ts"]);
    expect(r.suppressed).toHaveLength(1);
    expect(r.suppressed[0]).toMatchObject({ by: "comment", reason: "the outbox moves to infra in #31", finding: { file: FILE, line: 2 } });
    // The comment without a reason silences nothing, and says so.
    expect(r.newViolations.map((v) => v.to)).toEqual(["src/infra/db.ts", "src/infra/cache.ts"]);
    expect(r.counts.errors).toBe(plain.counts.errors - 1);
    expect(r.notices).toContain(`\`${FILE}:4\`: \`archreview-ignore-next-line ${rule}\` gives no reason (\`: why\`), so it silences nothing.`);
    expect(statsLine(r)).toContain("· 1 suppressed finding ·");
    const comment = renderMarkdown(r);
    expect(comment).toContain("<details><summary>Suppressed findings (1)</summary>");
    expect(comment).toContain("— the outbox moves to infra in #31 (suppression comment)");
  });

  it("silences what a `suppress` entry matches by rule and `to` glob, with its reason", () => {
    const r = review(layeredConfig({ suppress: [{ rule: "boundary", to: "src/infra/{db,cache}.ts", reason: "legacy access, tracked in #7" }] }));
    expect(r.suppressed.map((s) => [s.by, s.finding.line])).toEqual([
      ["config", 3],
      ["config", 5],
    ]);
    expect(r.newViolations.map((v) => v.to)).toEqual(["src/infra/outbox.ts"]);
  });

  it("never silences a finding of another rule", () => {
    const r = review(layeredConfig());
    // The comments name `domain-infra`; the layered config's rule is named otherwise.
    expect(r.newViolations.map((v) => v.rule)).not.toContain("domain-infra");
    expect(r.newViolations).toHaveLength(3);
    expect(r.suppressed).toEqual([]);
  });
});
