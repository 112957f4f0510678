// Hand-built Reviews for the report tests: one empty (all clear) and one realistic PR that
// touches every section, so the golden files show the whole layout.
import type { BoundaryChange, BoundaryMetrics, Review, Violation } from "../../src/core/model.js";
import { adrTitle, renderAdr, slugify } from "../../src/report/adr.js";

export const BASE_SHA = "abc1234def5678abc1234def5678abc1234def56";
export const HEAD_SHA = "def5678abc1234def5678abc1234def5678abc12";

export function emptyReview(overrides: Partial<Review> = {}): Review {
  return {
    base: BASE_SHA,
    head: HEAD_SHA,
    newViolations: [],
    resolvedViolations: [],
    newCycles: [],
    resolvedCycles: [],
    oversizedFiles: [],
    complexFunctions: [],
    largeClasses: [],
    boundaryChanges: [],
    metrics: [],
    edgesAdded: [],
    edgesRemoved: [],
    blastRadius: { changedModules: 0, dependents: 0, top: [] },
    adr: null,
    notices: [],
    counts: { errors: 0, warnings: 0 },
    stats: { modulesBase: 120, modulesHead: 120, filesParsed: 12, ms: 850 },
    ...overrides,
  };
}

export function boundaryViolation(from: string, to: string, line: number | null, fromBoundary = "domain", toBoundary = "infrastructure"): Violation {
  return {
    kind: "boundary",
    rule: `${fromBoundary}-not-${toBoundary}`,
    severity: "error",
    from,
    to,
    line,
    fromBoundary,
    toBoundary,
    message: `\`${fromBoundary}\` must not depend on \`${toBoundary}\``,
  };
}

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
  return emptyReview({
    newViolations: [
      boundaryViolation("src/domain/user.ts", "src/infrastructure/db.ts", 3),
      {
        kind: "stability",
        rule: "stable-dependencies",
        severity: "warn",
        from: "src/domain/user.ts",
        to: "src/infrastructure/db.ts",
        line: 3,
        fromBoundary: "domain",
        toBoundary: "infrastructure",
        message: "`domain` (I=0.43) now depends on the less stable `infrastructure` (I=0.50)",
      },
    ],
    resolvedViolations: [boundaryViolation("src/ui/list.tsx", "src/infrastructure/db.ts", 2, "ui", "infrastructure")],
    resolvedCycles: [{ modules: ["src/ui/list.tsx", "src/ui/row.tsx"], severity: "error", typeOnly: false, line: 4 }],
    newCycles: [
      { modules: ["src/domain/order.ts", "src/domain/user.ts"], severity: "error", typeOnly: false, line: 7 },
      { modules: ["src/ui/a.ts", "src/ui/b.ts", "src/ui/c.ts"], severity: "error", typeOnly: true, line: 1 },
    ],
    oversizedFiles: [
      { file: "src/infrastructure/db.ts", lines: 812, limit: 500, baseLines: 640, severity: "warn" },
      { file: "src/payments/gateway.ts", lines: 530, limit: 500, baseLines: null, severity: "warn" },
    ],
    complexFunctions: [{ file: "src/domain/order.ts", name: "Order.total", line: 42, complexity: 23, limit: 15, baseComplexity: 18, severity: "warn" }],
    largeClasses: [{ file: "src/infrastructure/db.ts", name: "Database", line: 10, publicMethods: 24, limit: 20, basePublicMethods: null, severity: "warn" }],
    boundaryChanges: changes,
    metrics,
    blastRadius: { changedModules: 4, dependents: 37, top: [{ module: "src/infrastructure/db.ts", dependents: 30 }, { module: "src/domain/user.ts", dependents: 12 }] },
    adr: { path: `docs/adr/0004-${slugify(title)}.md`, number: 4, title, markdown: renderAdr(adrInput) },
    notices: ["This PR's .github/archreview.yml declares a boundary `payments` with no files yet."],
    counts: { errors: 3, warnings: 5 },
    stats: { modulesBase: 120, modulesHead: 123, filesParsed: 14, ms: 1234 },
  });
}
