// How to fix a finding, from the facts of this case: real paths, real lines, the class's own method
// groups. A hint is advice and is worded as advice; what it states as fact is read from the graphs.
import type { BoundaryMatcher } from "./boundaries.js";
import type { FileFacts, Finding, FindingOf, MethodGroup, ModuleEdge, ModuleGraph } from "./model.js";
import type { PathMap } from "./renames.js";

export interface HintContext {
  base: ModuleGraph;
  head: ModuleGraph;
  headFacts: Record<string, FileFacts>;
  boundaries: BoundaryMatcher;
  toHead: PathMap;
}

const code = (s: string): string => `\`${s}\``;
const dirOf = (file: string): string => (file.includes("/") ? `${file.slice(0, file.lastIndexOf("/"))}/` : "./");
const at = (line: number | null): string => (line === null ? "" : ` (line ${line})`);

/** A module outside both boundaries that imports both: where the two are already wired together. */
function compositionRoot(ctx: HintContext, fromBoundary: string, toBoundary: string): string | null {
  const reaches = new Map<string, Set<string>>();
  for (const e of ctx.head.edges) {
    const b = ctx.boundaries.boundaryOf(e.to);
    if (b !== fromBoundary && b !== toBoundary) continue;
    const own = ctx.boundaries.boundaryOf(e.from);
    if (own === fromBoundary || own === toBoundary) continue;
    reaches.set(e.from, (reaches.get(e.from) ?? new Set()).add(b));
  }
  return [...reaches].filter(([, bs]) => bs.size === 2).map(([m]) => m).sort()[0] ?? null;
}

function inversionHint(ctx: HintContext, f: FindingOf<"boundary"> | FindingOf<"stability">): string {
  const root = compositionRoot(ctx, f.fromBoundary, f.toBoundary);
  const wiring = root !== null ? `pass the implementation in from ${code(root)}, which already imports both boundaries` : `pass the implementation in where ${code(f.fromBoundary)} and ${code(f.toBoundary)} are wired (no module importing both was found)`;
  return `Invert the dependency: declare the interface ${code(f.file)} needs in ${code(dirOf(f.file))} (${code(f.fromBoundary)}), implement it in ${code(f.to)} (${code(f.toBoundary)}), and ${wiring}.`;
}

function cycleHint(ctx: HintContext, f: FindingOf<"cycle">): string {
  const baseKeys = new Set(ctx.base.edges.map((e) => `${ctx.toHead(e.from)}\u0000${ctx.toHead(e.to)}`));
  const steps = f.modules.map((from, i) => ({ from, to: f.modules[(i + 1) % f.modules.length]! }));
  const edgeOf = (s: { from: string; to: string }): ModuleEdge | undefined => ctx.head.edges.find((e) => e.from === s.from && e.to === s.to);
  const added = steps.filter((s) => !baseKeys.has(`${s.from}\u0000${s.to}`));
  // The import that closes the cycle, when the change added it; otherwise the first import the change added.
  const pick = added.find((s) => s.from === f.file) ?? added[0] ?? steps[steps.length - 1]!;
  const why = added.length === 1 ? "the one import of this cycle the change added" : added.length > 1 ? `one of the ${added.length} imports of this cycle the change added` : "the import that closes it";
  return `Removing the import of ${code(pick.to)} in ${code(pick.from)}${at(edgeOf(pick)?.line ?? null)} breaks the cycle: it is ${why}. Move what ${code(pick.from)} needs from it into a module both can import.`;
}

function groupsText(groups: MethodGroup[]): string {
  return groups
    .slice(0, 4)
    .map((g) => `{${g.methods.slice(0, 5).join(", ")}${g.methods.length > 5 ? ", …" : ""}}${g.fields.length > 0 ? ` using ${g.fields.slice(0, 4).join(", ")}` : " using no field"}`)
    .join("; ");
}

function splitHint(groups: MethodGroup[] | undefined): string | undefined {
  if (groups === undefined || groups.length < 2) return undefined;
  return `Its methods form ${groups.length} groups that share no field and call no method of each other: ${groupsText(groups)}${groups.length > 4 ? "; …" : ""}. Each group is a candidate class.`;
}

function classGroups(ctx: HintContext, file: string, name: string, line: number | null): MethodGroup[] | undefined {
  return ctx.headFacts[file]?.classes.find((c) => c.name === name && c.line === line)?.cohesion;
}

function oversizedHint(ctx: HintContext, f: FindingOf<"oversized-file">): string | undefined {
  const facts = ctx.headFacts[f.file];
  if (!facts) return undefined;
  const parts = [...facts.functions, ...facts.classes]
    .filter((p) => p.endLine !== undefined)
    .map((p) => ({ name: "displayName" in p && p.displayName ? p.displayName : p.name, lines: p.endLine! - p.line + 1, line: p.line, end: p.endLine! }));
  // Outermost parts only: a method is already counted in its class.
  const outer = parts.filter((p) => !parts.some((q) => q !== p && q.line <= p.line && q.end >= p.end && q.lines > p.lines));
  const largest = outer.sort((a, b) => b.lines - a.lines).slice(0, 3);
  if (largest.length === 0) return undefined;
  return `Its largest parts, candidates to move to files of their own: ${largest.map((p) => `${code(p.name)} (${p.lines} lines from line ${p.line})`).join(", ")}.`;
}

function concernsHint(f: FindingOf<"mixed-concerns">): string {
  const uses = f.concerns.map((c) => `${c.concern} (${c.imports.map((i) => `${code(i.specifier)}${at(i.line)}`).join(", ")})`).join(", ");
  return `This file mixes ${uses}. Keep one concern here and reach the others through interfaces implemented in their own modules (e.g. a repository for persistence, a controller for http).`;
}

/** Base imports between two parts that the head no longer has: what held them together. */
function lostLinks(ctx: HintContext, parts: string[][]): ModuleEdge[] {
  const partOf = new Map(parts.flatMap((p, i) => p.map((m) => [m, i] as const)));
  const headKeys = new Set(ctx.head.edges.map((e) => `${e.from}\u0000${e.to}`));
  return ctx.base.edges.filter((e) => {
    const [from, to] = [ctx.toHead(e.from), ctx.toHead(e.to)];
    const a = partOf.get(from);
    const b = partOf.get(to);
    return a !== undefined && b !== undefined && a !== b && !headKeys.has(`${from}\u0000${to}`);
  });
}

function cohesionHint(ctx: HintContext, f: FindingOf<"boundary-cohesion">): string {
  if (f.trigger === "relational-drop") {
    return `Relational cohesion fell from ${f.base.relational} to ${f.head.relational}: the modules this change added to ${code(f.boundary)} import few of its others. If they form a separate responsibility, they may belong in a boundary of their own.`;
  }
  const parts = f.parts.map((p) => `{${p.map(code).join(", ")}}`).join(" and ");
  const lost = lostLinks(ctx, f.parts).slice(0, 3);
  const held = lost.length > 0 ? ` They were connected by ${lost.map((e) => `the import of ${code(ctx.toHead(e.to))} in ${code(ctx.toHead(e.from))}`).join(", ")}, which the change removed.` : "";
  return `${parts} no longer import each other inside ${code(f.boundary)}.${held} If that is intended, they are separate responsibilities and could be separate boundaries.`;
}

function hintOf(ctx: HintContext, f: Finding): string | undefined {
  switch (f.kind) {
    case "boundary":
    case "stability":
      return inversionHint(ctx, f);
    case "cycle":
      return cycleHint(ctx, f);
    case "oversized-file":
      return oversizedHint(ctx, f);
    case "large-class":
      return splitHint(classGroups(ctx, f.file, f.name, f.line));
    case "low-cohesion-class":
      return splitHint(f.groups);
    case "mixed-concerns":
      return concernsHint(f);
    case "boundary-cohesion":
      return cohesionHint(ctx, f);
    case "boundary-fan-out":
      return `It now imports ${f.boundaries.length} other boundaries (${f.boundaries.map(code).join(", ")}): a facade in one of them, or one file per boundary it coordinates, would narrow it.`;
    default:
      // forbidden: the rule's own comment says why; complex-function: nothing specific is known.
      return undefined;
  }
}

/** The findings with `hint` set where something specific can be said; resolved findings get none. */
export function withHints(findings: Finding[], ctx: HintContext): Finding[] {
  return findings.map((f) => {
    if (f.status !== "new") return f;
    const hint = hintOf(ctx, f);
    return hint === undefined ? f : { ...f, hint };
  });
}
