// SARIF fingerprints and related locations: a finding keeps its fingerprint when lines move or other
// findings come and go, changes it when what it is about changes, and a cycle lists its other modules.
import { describe, expect, it } from "@jest/globals";
import type { Finding, FindingOf } from "../../src/core/model.js";
import { sarifLog, type SarifResult } from "../../src/report/sarif.js";
import { FINGERPRINT_KEY, fingerprintsOf, fnv1a64, normalisedCycle } from "../../src/report/sarif-fingerprint.js";
import { sarifValidator } from "./sarif-schema.js";
import { boundaryViolation, cycleFinding, emptyReview, oversizedFile, sampleReview } from "./sample-review.js";

const validate = sarifValidator();
const resultsOf = (findings: Finding[]): SarifResult[] => sarifLog(emptyReview({ findings })).runs[0]!.results;
const fingerprintOf = (r: SarifResult | undefined): string | undefined => r?.partialFingerprints[FINGERPRINT_KEY];

function complexFunction(file: string, name: string, line: number): FindingOf<"complex-function"> {
  return { kind: "complex-function", rule: "max-function-complexity", severity: "warn", status: "new", reason: {}, file, name, line, complexity: 20, limit: 15, baseComplexity: null };
}

describe("SARIF partialFingerprints", () => {
  it("FNV-1a 64 matches its published test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("gives every result of a review a distinct fingerprint under archreview's own key, and the log stays valid SARIF", () => {
    const log = sarifLog(sampleReview());
    expect(validate(log)).toBe(true);
    const prints = log.runs[0]!.results.map(fingerprintOf);
    expect(prints.every((p) => typeof p === "string" && /^[0-9a-f]{16}$/.test(p))).toBe(true);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it("keeps a finding's fingerprint when its line moves and other findings come before it", () => {
    const [before] = resultsOf([boundaryViolation("src/domain/user.ts", "src/infrastructure/db.ts", 3)]);
    const after = resultsOf([oversizedFile("src/big.ts", 900), boundaryViolation("src/domain/user.ts", "src/infrastructure/db.ts", 41)]);
    expect(after[1]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 41 });
    expect(fingerprintOf(after[1])).toBe(fingerprintOf(before));
    // Pinned: a changed identity would re-open every alert code scanning already tracks.
    expect(fingerprintOf(before)).toBe(fnv1a64("boundary\u0000domain-not-infrastructure\u0000src/domain/user.ts\u0000src/infrastructure/db.ts"));
  });

  it("changes it when the imported module, the file or the rule changes", () => {
    const base = fingerprintOf(resultsOf([boundaryViolation("src/domain/user.ts", "src/infrastructure/db.ts", 3)])[0]);
    const others = [
      boundaryViolation("src/domain/user.ts", "src/infrastructure/cache.ts", 3),
      boundaryViolation("src/domain/order.ts", "src/infrastructure/db.ts", 3),
      boundaryViolation("src/domain/user.ts", "src/infrastructure/db.ts", 3, "domain", "infra"),
    ].map((f) => fingerprintOf(resultsOf([f])[0]));
    for (const other of others) expect(other).not.toBe(base);
  });

  it("gives a cycle the same fingerprint whichever module closes it", () => {
    const closedByC = cycleFinding(["src/ui/a.ts", "src/ui/b.ts", "src/ui/c.ts"], 1);
    const closedByB = cycleFinding(["src/ui/c.ts", "src/ui/a.ts", "src/ui/b.ts"], 9);
    expect(normalisedCycle(closedByB.modules)).toEqual(closedByC.modules);
    expect(fingerprintOf(resultsOf([closedByB])[0])).toBe(fingerprintOf(resultsOf([closedByC])[0]));
    expect(fingerprintOf(resultsOf([cycleFinding(["src/ui/a.ts", "src/ui/c.ts", "src/ui/b.ts"], 1)])[0])).not.toBe(fingerprintOf(resultsOf([closedByC])[0]));
  });

  it("tells apart two findings about the same thing by their order, the first keeping the lone one's fingerprint", () => {
    const [lone] = fingerprintsOf([complexFunction("src/a.ts", "<anonymous>", 10)]);
    const [first, second] = fingerprintsOf([complexFunction("src/a.ts", "<anonymous>", 10), complexFunction("src/a.ts", "<anonymous>", 30)]);
    expect(first).toBe(lone);
    expect(second).not.toBe(first);
  });
});

describe("SARIF relatedLocations", () => {
  it("lists a cycle's other modules in cycle order, not the file the result sits on", () => {
    const [result] = resultsOf([cycleFinding(["src/ui/a.ts", "src/ui/b.ts", "src/ui/c.ts"], 1)]);
    expect(result!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("src/ui/c.ts");
    expect(result!.relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: "src/ui/a.ts", uriBaseId: "%SRCROOT%" } }, message: { text: "module 1 of 3 in the cycle" } },
      { id: 2, physicalLocation: { artifactLocation: { uri: "src/ui/b.ts", uriBaseId: "%SRCROOT%" } }, message: { text: "module 2 of 3 in the cycle" } },
    ]);
  });

  it("lists a dependency-cruiser circular rule's cycle and an import's target; a file-size finding has none", () => {
    const circular: FindingOf<"forbidden"> = { kind: "forbidden", rule: "no-circular", severity: "error", status: "new", reason: {}, file: "src/x.ts", line: 2, to: "src/y.ts", cycle: ["src/y.ts", "src/x.ts"] };
    const [cycle, imported, size] = resultsOf([circular, boundaryViolation("src/domain/a b.ts", "src/infrastructure/db.ts", 1), oversizedFile("src/big.ts", 900)]);
    expect(cycle!.relatedLocations?.map((r) => r.physicalLocation.artifactLocation.uri)).toEqual(["src/y.ts"]);
    expect(imported!.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: "src/infrastructure/db.ts", uriBaseId: "%SRCROOT%" } }, message: { text: "the imported module" } }]);
    expect(size!.relatedLocations).toBeUndefined();
    expect(validate(sarifLog(emptyReview({ findings: [circular] })))).toBe(true);
  });

  it("the schema rejects a related location without a valid id (the check can fail)", () => {
    const log = sarifLog(emptyReview({ findings: [cycleFinding(["src/ui/a.ts", "src/ui/b.ts"], 1)] })) as unknown as { runs: { results: { relatedLocations: { id: unknown }[] }[] }[] };
    log.runs[0]!.results[0]!.relatedLocations[0]!.id = -7;
    expect(validate(log)).toBe(false);
  });
});
