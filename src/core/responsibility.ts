// Responsibility hints on the files a change touches: a file that newly mixes concerns (data access,
// HTTP, UI... as configured) misses a layer between them; a file the change makes import more
// boundaries than the limit coordinates too much. Deterministic: each finding names its imports.
import picomatch from "picomatch";
import { DEFAULT_CONCERNS, DEFAULT_RESPONSIBILITY } from "../config/defaults.js";
import type { Config } from "../config/types.js";
import type { BoundaryMatcher } from "./boundaries.js";
import { BUILT_IN_RULES } from "./finding.js";
import type { ConcernUse, FileFacts, FindingOf, ModuleGraph } from "./model.js";

export interface ResponsibilityInput {
  touched: string[];
  base: { graph: ModuleGraph; facts: Record<string, FileFacts> };
  head: { graph: ModuleGraph; facts: Record<string, FileFacts> };
  previousPathOf: (headPath: string) => string;
  boundaries: BoundaryMatcher;
  config: Config;
  generated?: ReadonlySet<string>;
}

type ResponsibilityFinding = FindingOf<"mixed-concerns"> | FindingOf<"boundary-fan-out">;

interface ConcernMatcher {
  name: string;
  /** A package name also covers its subpaths. */
  package(specifier: string): boolean;
  path(file: string): boolean;
}

function concernMatchers(concerns: Record<string, string[]>): ConcernMatcher[] {
  return Object.entries(concerns).map(([name, patterns]) => {
    const packages = patterns.filter((p) => !p.includes("*"));
    const globs = patterns.filter((p) => p.includes("*"));
    const path = globs.length > 0 ? picomatch(globs, { dot: true }) : () => false;
    return { name, package: (s) => packages.some((p) => s === p || s.startsWith(`${p}/`)), path };
  });
}

/** The value imports of `files` by graph edges, grouped by `from` in one pass (a review looks at its touched files only). */
function edgesFrom(graph: ModuleGraph, files: Set<string>): Map<string, ModuleGraph["edges"]> {
  const byFrom = new Map<string, ModuleGraph["edges"]>();
  for (const e of graph.edges) {
    if (e.typeOnly || !files.has(e.from)) continue;
    const list = byFrom.get(e.from);
    if (list) list.push(e);
    else byFrom.set(e.from, [e]);
  }
  return byFrom;
}

function concernsOf(file: string, facts: FileFacts | undefined, edges: ModuleGraph["edges"], matchers: ConcernMatcher[]): ConcernUse[] {
  return matchers.flatMap((m) => {
    const imports = [
      ...(facts?.packageImports ?? []).filter((p) => m.package(p.specifier)).map((p) => ({ specifier: p.specifier, line: p.line as number | null })),
      ...edges.filter((e) => e.from === file && m.path(e.to)).map((e) => ({ specifier: e.specifier, line: e.line })),
    ];
    return imports.length > 0 ? [{ concern: m.name, imports }] : [];
  });
}

function boundariesOf(file: string, edges: ModuleGraph["edges"], boundaries: BoundaryMatcher): string[] {
  const own = boundaries.boundaryOf(file);
  const names = new Set(edges.map((e) => boundaries.boundaryOf(e.to)).filter((b): b is string => b !== null && b !== own));
  return [...names].sort();
}

/** One touched file as the judges read it: its value imports at head and, when it existed, at base. */
interface FileSides {
  file: string;
  head: ModuleGraph["edges"];
  headFacts: FileFacts | undefined;
  /** Null for a file the change adds. */
  base: { file: string; edges: ModuleGraph["edges"]; facts: FileFacts | undefined } | null;
}

type Common = Pick<ResponsibilityFinding, "severity" | "status" | "reason">;

function mixedConcerns(side: FileSides, matchers: ConcernMatcher[], limit: number, common: Common): FindingOf<"mixed-concerns"> | null {
  const head = concernsOf(side.file, side.headFacts, side.head, matchers);
  const base = side.base === null ? [] : concernsOf(side.base.file, side.base.facts, side.base.edges, matchers).map((c) => c.concern);
  const added = head.filter((c) => !base.includes(c.concern));
  if (head.length <= limit || added.length === 0) return null;
  // The finding sits on the first import that brought a new concern.
  const line = added.flatMap((c) => c.imports.map((i) => i.line)).find((l) => l !== null) ?? null;
  return { kind: "mixed-concerns", rule: BUILT_IN_RULES["mixed-concerns"], ...common, file: side.file, line, concerns: head, baseConcerns: base };
}

function fanOut(side: FileSides, boundaries: BoundaryMatcher, limit: number, common: Common): FindingOf<"boundary-fan-out"> | null {
  const reached = boundariesOf(side.file, side.head, boundaries);
  const baseReached = side.base === null ? null : boundariesOf(side.base.file, side.base.edges, boundaries).length;
  if (reached.length <= limit || (baseReached !== null && reached.length <= baseReached)) return null;
  return { kind: "boundary-fan-out", rule: BUILT_IN_RULES["boundary-fan-out"], ...common, file: side.file, line: null, boundaries: reached, baseBoundaries: baseReached, limit };
}

export function responsibilityFindings(input: ResponsibilityInput): ResponsibilityFinding[] {
  const settings = input.config.responsibility ?? DEFAULT_RESPONSIBILITY;
  if (settings.severity === "off") return [];
  const matchers = concernMatchers(input.config.concerns ?? DEFAULT_CONCERNS);
  const headEdges = edgesFrom(input.head.graph, new Set(input.touched));
  const baseEdges = edgesFrom(input.base.graph, new Set(input.touched.map((file) => input.previousPathOf(file))));
  const common: Common = { severity: settings.severity, status: "new", reason: {} };
  const headModules = new Set(input.head.graph.modules);
  const baseModules = new Set(input.base.graph.modules);
  return input.touched.flatMap((file) => {
    if (input.generated?.has(file) || !headModules.has(file)) return [];
    const before = input.previousPathOf(file);
    const base = baseModules.has(before) ? { file: before, edges: baseEdges.get(before) ?? [], facts: input.base.facts[before] } : null;
    const side: FileSides = { file, head: headEdges.get(file) ?? [], headFacts: input.head.facts[file], base };
    return [mixedConcerns(side, matchers, settings.maxConcerns, common), fanOut(side, input.boundaries, settings.maxBoundaries, common)].filter((f): f is ResponsibilityFinding => f !== null);
  });
}
