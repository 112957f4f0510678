// Hand-built Reviews for the report tests: one empty (all clear) and one realistic PR that
// touches every section, so the golden files show the whole layout.
import { REVIEW_SCHEMA_VERSION } from "../../src/core/finding.js";
import { countFindings, findingArrays, type FindingArrays } from "../../src/core/findings.js";
import type { BoundaryChange, BoundaryMetrics, Finding, FindingOf, Review } from "../../src/core/model.js";
import { adrTitle, renderAdr, slugify } from "../../src/report/adr.js";

export const BASE_SHA = "abc1234def5678abc1234def5678abc1234def56";
export const HEAD_SHA = "def5678abc1234def5678abc1234def5678abc12";

/** The per-kind arrays and counts follow `findings`, as in a real review (counts may be overridden). */
export function emptyReview(overrides: Partial<Omit<Review, keyof FindingArrays>> = {}): Review {
  const findings = overrides.findings ?? [];
  return {
    schemaVersion: REVIEW_SCHEMA_VERSION,
    base: BASE_SHA,
    head: HEAD_SHA,
    ...findingArrays(findings),
    boundaryChanges: [],
    metrics: [],
    edgesAdded: [],
    edgesRemoved: [],
    blastRadius: { changedModules: 0, dependents: 0, top: [] },
    adr: null,
    notices: [],
    counts: countFindings(findings),
    stats: { modulesBase: 120, modulesHead: 120, filesParsed: 12, ms: 850 },
    findings,
    cohesion: [],
    classCohesion: [],
    suppressed: [],
    ...overrides,
  };
}

export function boundaryViolation(from: string, to: string, line: number | null, fromBoundary = "domain", toBoundary = "infrastructure"): FindingOf<"boundary"> {
  return {
    kind: "boundary",
    rule: `${fromBoundary}-not-${toBoundary}`,
    severity: "error",
    status: "new",
    file: from,
    line,
    reason: {},
    to,
    fromBoundary,
    toBoundary,
    allowed: null,
  };
}

const common = { status: "new", reason: {} } as const;

/** A cycle closed by the last module's import at `line`. */
export function cycleFinding(modules: string[], line: number | null, severity: "error" | "warn" = "error", typeOnly = false): FindingOf<"cycle"> {
  return { kind: "cycle", rule: "no-cycles", severity, ...common, file: modules[modules.length - 1] ?? "", line, modules, typeOnly };
}

export function oversizedFile(file: string, lines: number, limit = 500, baseLines: number | null = null): FindingOf<"oversized-file"> {
  return { kind: "oversized-file", rule: "max-file-lines", severity: "warn", ...common, file, line: null, lines, limit, baseLines };
}

export const resolved = <F extends Finding>(f: F): F => ({ ...f, status: "resolved" });

const changes: BoundaryChange[] = [
  {
    kind: "new-dependency",
    from: "domain",
    to: "infrastructure",
    imports: [
      { from: "src/domain/user.ts", to: "src/infrastructure/db.ts", line: 3 },
      { from: "src/domain/order.ts", to: "src/infrastructure/db.ts", line: 5 },
    ],
  },
  { kind: "removed-dependency", from: "ui", to: "infrastructure", imports: [{ from: "src/ui/list.tsx", to: "src/infrastructure/db.ts", line: 2 }] },
  { kind: "boundary-added", boundary: "payments" },
  { kind: "config-changed", file: ".github/archreview.yml" },
];

const metrics: BoundaryMetrics[] = [
  { boundary: "domain", base: { ca: 4, ce: 1, instability: 0.2, modules: 10 }, head: { ca: 4, ce: 3, instability: 0.43, modules: 11 } },
  { boundary: "infrastructure", base: { ca: 2, ce: 0, instability: 0, modules: 5 }, head: { ca: 3, ce: 0, instability: 0, modules: 5 } },
  { boundary: "ui", base: { ca: 0, ce: 6, instability: 1, modules: 20 }, head: { ca: 0, ce: 6, instability: 1, modules: 20 } },
];

/** A PR that makes the domain depend on the database, adds a cycle and grows a few files. */
export function sampleReview(): Review {
  const title = adrTitle(changes);
  const adrInput = { number: 4, title, date: "2024-05-01", base: BASE_SHA, head: HEAD_SHA, changes, metrics: metrics.slice(0, 2), configFile: ".github/archreview.yml" };
  const findings: Finding[] = [
    { ...boundaryViolation("src/domain/user.ts", "src/infrastructure/db.ts", 3), reason: { comment: "the domain stays free of I/O" } },
    {
      kind: "stability",
      rule: "stable-dependencies",
      severity: "warn",
      ...common,
      file: "src/domain/user.ts",
      line: 3,
      to: "src/infrastructure/db.ts",
      fromBoundary: "domain",
      toBoundary: "infrastructure",
      fromInstability: 0.43,
      toInstability: 0.5,
    },
    { kind: "cycle", rule: "no-cycles", severity: "error", ...common, file: "src/domain/user.ts", line: 7, modules: ["src/domain/order.ts", "src/domain/user.ts"], typeOnly: false },
    { kind: "cycle", rule: "no-cycles", severity: "error", ...common, file: "src/ui/c.ts", line: 1, modules: ["src/ui/a.ts", "src/ui/b.ts", "src/ui/c.ts"], typeOnly: true },
    { kind: "oversized-file", rule: "max-file-lines", severity: "warn", ...common, file: "src/infrastructure/db.ts", line: null, lines: 812, limit: 500, baseLines: 640 },
    { kind: "oversized-file", rule: "max-file-lines", severity: "warn", ...common, file: "src/payments/gateway.ts", line: null, lines: 530, limit: 500, baseLines: null },
    { kind: "complex-function", rule: "max-function-complexity", severity: "warn", ...common, file: "src/domain/order.ts", name: "Order.total", line: 42, complexity: 23, limit: 15, baseComplexity: 18 },
    { kind: "large-class", rule: "max-public-methods", severity: "warn", ...common, file: "src/infrastructure/db.ts", name: "Database", line: 10, publicMethods: 24, limit: 20, basePublicMethods: null },
    { ...boundaryViolation("src/ui/list.tsx", "src/infrastructure/db.ts", 2, "ui", "infrastructure"), status: "resolved" },
    { kind: "cycle", rule: "no-cycles", severity: "error", status: "resolved", reason: {}, file: "src/ui/row.tsx", line: 4, modules: ["src/ui/list.tsx", "src/ui/row.tsx"], typeOnly: false },
  ];
  return emptyReview({
    findings,
    boundaryChanges: changes,
    metrics,
    blastRadius: { changedModules: 4, dependents: 37, top: [{ module: "src/infrastructure/db.ts", dependents: 30 }, { module: "src/domain/user.ts", dependents: 12 }] },
    adr: { path: `docs/adr/0004-${slugify(title)}.md`, number: 4, title, markdown: renderAdr(adrInput) },
    notices: ["This PR's .github/archreview.yml declares a boundary `payments` with no files yet."],
    stats: { modulesBase: 120, modulesHead: 123, filesParsed: 14, ms: 1234 },
  });
}
