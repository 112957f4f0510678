// A small boundary graph for the PR comment: only the boundaries the PR touched, so the picture
// answers "what did this PR do to the architecture" and nothing else.
import { pairKey } from "../core/boundary-changes.js";
import type { Review } from "../core/model.js";
import { plural } from "./summary.js";

/** GitHub refuses to render larger diagrams; the comment is better off without one. */
export const MAX_MERMAID_CHARS = 50_000;

const RED = "stroke:#d73a49";

interface GraphEdge {
  from: string;
  to: string;
  label: string;
  removed: boolean;
}

/**
 * Mermaid reads only a few characters literally inside a quoted label; everything else becomes
 * an entity code (`#60;`), so a boundary name can neither end the label nor inject markup.
 */
function label(text: string): string {
  return `"${Array.from(text, (c) => (/[A-Za-z0-9 _.,:/@()-]/.test(c) ? c : `#${c.codePointAt(0)};`)).join("")}"`;
}

/**
 * Ids are the names reduced to [A-Za-z0-9_], prefixed so that no name can become a keyword
 * (`end`, `graph`) or an edge marker (`o`, `x`); collisions get a numeric suffix.
 */
function nodeIds(names: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    const base = `b_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}

export function renderBoundaryGraph(review: Review): string | null {
  const notes = new Map<string, string>();
  const touch = (name: string | undefined, note = ""): void => {
    if (name !== undefined && (note !== "" || !notes.has(name))) notes.set(name, note);
  };
  const added: GraphEdge[] = [];
  const removed: GraphEdge[] = [];
  for (const change of review.boundaryChanges) {
    if (change.kind === "boundary-added") touch(change.boundary, "added");
    if (change.kind === "boundary-removed") touch(change.boundary, "removed");
    if ((change.kind !== "new-dependency" && change.kind !== "removed-dependency") || !change.from || !change.to) continue;
    touch(change.from);
    touch(change.to);
    const crossing = change.imports?.length ?? 0;
    if (change.kind === "new-dependency") added.push({ from: change.from, to: change.to, label: plural(crossing, "import"), removed: false });
    else removed.push({ from: change.from, to: change.to, label: "removed", removed: true });
  }

  // A violation can sit on a dependency that already existed; it still deserves a red edge.
  const violating = new Map<string, { from: string; to: string; count: number }>();
  for (const v of review.newViolations) {
    touch(v.fromBoundary);
    touch(v.toBoundary);
    if (!v.fromBoundary || !v.toBoundary) continue;
    const key = pairKey(v.fromBoundary, v.toBoundary);
    const entry = violating.get(key) ?? { from: v.fromBoundary, to: v.toBoundary, count: 0 };
    entry.count += 1;
    violating.set(key, entry);
  }
  const newPairs = new Set(added.map((e) => pairKey(e.from, e.to)));
  const existing = [...violating.values()]
    .filter((v) => !newPairs.has(pairKey(v.from, v.to)))
    .map((v) => ({ from: v.from, to: v.to, label: plural(v.count, "violation"), removed: false }));

  if (notes.size === 0) return null;
  const names = [...notes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ids = nodeIds(names);
  const lines = ["flowchart LR"];
  for (const name of names) {
    const note = notes.get(name);
    lines.push(`  ${ids.get(name)}[${label(note ? `${name} (${note})` : name)}]`);
  }
  const edges = [...added, ...existing, ...removed];
  const red: number[] = [];
  edges.forEach((e, index) => {
    const arrow = e.removed ? "-.->" : "-->";
    lines.push(`  ${ids.get(e.from)} ${arrow}|${label(e.label)}| ${ids.get(e.to)}`);
    if (!e.removed && violating.has(pairKey(e.from, e.to))) red.push(index);
  });
  // linkStyle counts edges in declaration order, from 0.
  if (red.length > 0) lines.push(`  linkStyle ${red.join(",")} ${RED}`);
  const graph = lines.join("\n");
  return graph.length <= MAX_MERMAID_CHARS ? graph : null;
}
