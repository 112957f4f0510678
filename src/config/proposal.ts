// `archreview init`, part two: from what HEAD holds today (boundaries, the dependencies between them,
// the worst file and function) to a commented .github/archreview.yml whose rules all hold today.
// Pure: the CLI gathers the facts and writes the file.
import { DEFAULT_CONFIG } from "./defaults.js";
import type { ProposedBoundary } from "./proposal-layout.js";

export interface TodaysFacts {
  boundaries: ProposedBoundary[];
  /** `from` -> `to` -> imports between the two boundaries at HEAD (type-only ones included). */
  dependencies: Map<string, Map<string, number>>;
  /** The largest file, function complexity and public method count at HEAD; null when none was measured. */
  worst: { fileLines: number | null; functionComplexity: number | null; publicMethods: number | null };
  /** An existing ADR folder, e.g. docs/adr. */
  adrDirectory: string | null;
  /** The dependency-cruiser JSON config archreview also reads, e.g. .dependency-cruiser.json. */
  depcruiseConfig: string | null;
  /** Globs left out of the graph (tests, build output). */
  ignore: string[];
}

export interface ProposedRule {
  from: string;
  disallow: string[];
}

/** Folders whose files are not production code: left out of the graph the rules judge. */
export const PROPOSED_IGNORE: readonly string[] = ["test/**", "tests/**", "**/__tests__/**", "**/*.test.*", "**/*.spec.*", "dist/**", "build/**", "coverage/**"];

/** Limits never go below these: a small repository's worst function is no target for the next one. */
const LIMIT_FLOORS = { fileLines: 100, functionComplexity: 5, publicMethods: 5 } as const;

export const dependsOn = (facts: Pick<TodaysFacts, "dependencies">, from: string, to: string): number => facts.dependencies.get(from)?.get(to) ?? 0;

/** Every boundary pair with no import today becomes a `disallow`: the rules hold at HEAD and guard what is clean. */
export function proposeRules(facts: Pick<TodaysFacts, "boundaries" | "dependencies">): ProposedRule[] {
  const names = facts.boundaries.map((b) => b.name);
  return names
    .map((from) => ({ from, disallow: names.filter((to) => to !== from && dependsOn(facts, from, to) === 0) }))
    .filter((r) => r.disallow.length > 0);
}

/** Just above today's worst (10%, at least 1), never below the floor; the default when nothing was measured. */
export function limitAbove(worst: number | null, floor: number, fallback: number): number {
  if (worst === null) return Math.max(fallback, floor);
  return Math.max(floor, worst + Math.max(1, Math.ceil(worst * 0.1)));
}

export function proposeLimits(worst: TodaysFacts["worst"]): { fileLines: number; functionComplexity: number; publicMethods: number } {
  const d = DEFAULT_CONFIG.limits;
  return {
    fileLines: limitAbove(worst.fileLines, LIMIT_FLOORS.fileLines, d.fileLines),
    functionComplexity: limitAbove(worst.functionComplexity, LIMIT_FLOORS.functionComplexity, d.functionComplexity),
    publicMethods: limitAbove(worst.publicMethods, LIMIT_FLOORS.publicMethods, d.publicMethods),
  };
}

/** A YAML flow scalar: plain when safe, JSON-quoted (valid YAML) otherwise. */
export function yamlScalar(text: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(text) ? text : JSON.stringify(text);
}

const flowList = (items: readonly string[]): string => `[${items.map(yamlScalar).join(", ")}]`;

function boundariesSection(facts: TodaysFacts): string[] {
  if (facts.boundaries.length === 0) {
    return ["# No source folders were found to propose boundaries from. Name groups of files, e.g.:", "# boundaries:", '#   domain: ["src/domain/**"]', ""];
  }
  const lines = ["# Boundaries: named groups of files. A file belongs to the first boundary whose globs match;", "# files in none (a composition root such as src/main.ts) are not judged by the rules."];
  lines.push("boundaries:");
  for (const b of facts.boundaries) lines.push(`  ${yamlScalar(b.name)}: ${flowList(b.patterns)} # ${b.origin}`);
  return [...lines, ""];
}

function rulesSection(facts: TodaysFacts): string[] {
  const rules = proposeRules(facts);
  if (rules.length === 0) return facts.boundaries.length < 2 ? [] : ["# Rules: every boundary already imports every other one, so no `disallow` holds today.", ""];
  const lines = [
    "# Rules: each boundary pair with no import between them today is disallowed, so the first review",
    "# reports nothing old and every new dependency between boundaries is a decision someone makes.",
    "# Pairs that depend on each other today are left out; tighten them as the code allows.",
    "rules:",
  ];
  for (const r of rules) {
    lines.push(`  - from: ${yamlScalar(r.from)}`, `    disallow: ${flowList(r.disallow)}`, "    severity: error");
  }
  return [...lines, ""];
}

function limitsSection(facts: TodaysFacts): string[] {
  const l = proposeLimits(facts.worst);
  const today = (value: number | null): string => (value === null ? "none measured" : String(value));
  return [
    `# Limits just above today's worst (file ${today(facts.worst.fileLines)} lines, function complexity ${today(facts.worst.functionComplexity)},`,
    `# class ${today(facts.worst.publicMethods)} public methods), never below ${LIMIT_FLOORS.fileLines} lines, complexity ${LIMIT_FLOORS.functionComplexity} and ${LIMIT_FLOORS.publicMethods} methods,`,
    "# so only new growth is reported. Lower them as the code improves.",
    `limits: { fileLines: ${l.fileLines}, functionComplexity: ${l.functionComplexity}, publicMethods: ${l.publicMethods}, severity: warn }`,
    "",
  ];
}

function adrSection(facts: TodaysFacts): string[] {
  if (!facts.adrDirectory) return ["# ADRs: with `adr: { directory: docs/adr }` a boundary change comes with a numbered ADR stub.", ""];
  return ["# ADRs: a change to the boundaries comes with a stub numbered after the records already there.", `adr: { directory: ${yamlScalar(facts.adrDirectory)} }`, ""];
}

/** The proposed .github/archreview.yml, comments included. */
export function renderProposal(facts: TodaysFacts): string {
  const depcruise = facts.depcruiseConfig
    ? [`# ${facts.depcruiseConfig} is read as well: its forbidden, allowed and required rules apply as they are,`, "# so they are not repeated here.", ""]
    : [];
  return [
    "# archreview: the architecture rules reviewed on every pull request (proposed by `archreview init`).",
    "# Rules are read at the pull request's base, so a change to this file applies from the next one.",
    "",
    ...depcruise,
    ...boundariesSection(facts),
    ...rulesSection(facts),
    "# Cycles: a new import cycle fails the review; the cycles that exist today are not reported.",
    "cycles: { severity: error, includeTypeOnly: false }",
    "",
    "# Stability: a new dependency on a less stable boundary is a warning.",
    "stability: warn",
    "",
    ...limitsSection(facts),
    ...adrSection(facts),
    "# Left out of the graph: tests and build output.",
    `ignore: ${flowList(facts.ignore)}`,
    "",
  ].join("\n");
}
