// What the renderers show of a dependency-cruiser `circular` rule: dependency-cruiser reports one
// violation per distinct cycle, and a strongly connected component holds many (one per import, in
// effect). A reader needs each tangle once, at the import that closes it: cycles of one rule that
// share a module are one tangle. The JSON keeps every violation (for tooling); the comment, the
// terminal and the annotations show one per tangle.
import type { EdgeRef, Finding, FindingOf, Review } from "../core/model.js";

type CycleFinding = FindingOf<"forbidden"> & { cycle: string[] };

const isRuleCycle = (f: Finding): f is CycleFinding => f.kind === "forbidden" && f.cycle !== undefined;
const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;

/** Union-find over module names: cycles that share a module end up under one root. */
class Tangles {
  private readonly parent = new Map<string, string>();
  root(name: string): string {
    let at = name;
    for (let up = this.parent.get(at); up !== undefined && up !== at; up = this.parent.get(at)) at = up;
    this.parent.set(name, at);
    return at;
  }
  join(names: string[]): void {
    const [first, ...rest] = names.map((n) => this.root(n));
    if (first === undefined) return;
    for (const r of rest) if (r !== first) this.parent.set(r, first);
  }
}

/**
 * The findings to show, in order: of the cycles of one rule and status that share modules, only
 * one, preferably through the import the change added (new) or removed (resolved).
 */
export function shownFindings(review: Pick<Review, "findings" | "edgesAdded" | "edgesRemoved">): Finding[] {
  const cycles = review.findings.filter(isRuleCycle);
  if (cycles.length === 0) return review.findings;
  const tangles = new Map<string, Tangles>();
  const scope = (f: CycleFinding): string => `${f.status}\u0000${f.rule}`;
  for (const f of cycles) {
    const t = tangles.get(scope(f)) ?? new Tangles();
    tangles.set(scope(f), t);
    t.join([f.file, ...f.cycle]);
  }
  const changed = (edges: EdgeRef[]): Set<string> => new Set(edges.map((e) => edgeKey(e.from, e.to)));
  const touched = { new: changed(review.edgesAdded), resolved: changed(review.edgesRemoved) };
  const chosen = new Map<string, CycleFinding>();
  for (const f of cycles) {
    const key = `${scope(f)}\u0000${(tangles.get(scope(f)) as Tangles).root(f.file)}`;
    const current = chosen.get(key);
    const closes = (c: CycleFinding): boolean => touched[c.status].has(edgeKey(c.file, c.to));
    if (current === undefined || (!closes(current) && closes(f))) chosen.set(key, f);
  }
  const shown = new Set<Finding>(chosen.values());
  return review.findings.filter((f) => !isRuleCycle(f) || shown.has(f));
}
