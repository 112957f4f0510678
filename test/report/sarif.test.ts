import { describe, expect, it } from "@jest/globals";
import { renderSarif, sarifLog, pathToUri } from "../../src/report/sarif.js";
import { sarifValidator } from "./sarif-schema.js";
import { boundaryViolation, emptyReview, sampleReview } from "./sample-review.js";

const validate = sarifValidator();

function valid(log: unknown): boolean {
  const ok = validate(log);
  if (!ok) throw new Error(JSON.stringify(validate.errors, null, 2));
  return ok;
}

describe("renderSarif", () => {
  it("is valid SARIF 2.1.0 for a review with every kind of finding", () => {
    const text = renderSarif(sampleReview(), { toolVersion: "1.2.3", informationUri: "https://example.invalid/archreview" });
    expect(text.endsWith("}\n")).toBe(true);
    expect(valid(JSON.parse(text))).toBe(true);
  });

  it("is valid SARIF for a review with no finding: one run, no results", () => {
    const log = sarifLog(emptyReview());
    expect(valid(log)).toBe(true);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([]);
  });

  it("the schema rejects a broken log (the check can fail)", () => {
    const log = sarifLog(sampleReview()) as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = "fatal";
    expect(validate(log)).toBe(false);
  });

  it("has one result per new finding (none for resolved ones), with level, file and line", () => {
    const review = sampleReview();
    const fresh = review.findings.filter((f) => f.status === "new");
    const { results, tool } = sarifLog(review).runs[0]!;
    expect(results).toHaveLength(fresh.length);
    expect(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(fresh.map((f) => f.file));
    expect(results.map((r) => r.level)).toEqual(fresh.map((f) => (f.severity === "error" ? "error" : "warning")));
    expect(results.map((r) => r.locations[0]!.physicalLocation.region?.startLine ?? null)).toEqual(fresh.map((f) => f.line));
    // Each result points at its rule, by id and index.
    for (const r of results) expect(tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it("names a user's boundary rule in the id and carries its comment as help; built-in kinds have one rule each", () => {
    const { results, tool } = sarifLog(sampleReview()).runs[0]!;
    const ids = tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual(["archreview/boundary/domain-not-infrastructure", "archreview/stability", "archreview/cycle", "archreview/oversized-file", "archreview/complex-function", "archreview/large-class"]);
    const boundary = tool.driver.rules[0]!;
    expect(boundary.fullDescription?.text).toBe("the domain stays free of I/O");
    expect(boundary.help.text).toContain("the domain stays free of I/O");
    expect(boundary.help.text).toContain("Move the code, invert the dependency");
    expect(results[0]!.message.text).toBe("src/domain/user.ts imports src/infrastructure/db.ts: domain must not import infrastructure: the domain stays free of I/O.");
    // Two cycles, one rule.
    expect(results.filter((r) => r.ruleId === "archreview/cycle")).toHaveLength(2);
  });

  it("gives a whole-file finding no region and an import without a line a message all the same", () => {
    const review = emptyReview({ findings: [boundaryViolation("src/domain/a b.ts", "src/infrastructure/db.ts", null)] });
    const log = sarifLog(review);
    expect(valid(log)).toBe(true);
    const [result] = log.runs[0]!.results;
    expect(result!.locations[0]!.physicalLocation.region).toBeUndefined();
    expect(result!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("src/domain/a%20b.ts");
    expect(result!.message.text).toContain("src/infrastructure/db.ts");
  });

  it("percent-encodes each path segment and keeps the slashes", () => {
    expect(pathToUri("src/ui/#list?.tsx")).toBe("src/ui/%23list%3F.tsx");
  });
});
