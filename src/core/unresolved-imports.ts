// Imports that resolve to nothing (a relative, aliased or workspace specifier that names no file):
// their edges are missing from the graph, so a review says so instead of dropping them silently.
import type { ExternalImport, Snapshot, UnresolvedImport } from "./model.js";
import type { PathMap } from "./renames.js";

export interface UnresolvedSummary {
  /** The head's unresolved imports that the base did not have; empty when none. */
  added: UnresolvedImport[];
  base: number;
  head: number;
  /** A notice when the change adds unresolved imports; null otherwise. */
  notice: string | null;
}

const unresolvedOf = (snapshot: Snapshot): ExternalImport[] => (snapshot.graph.external ?? []).filter((x) => x.couldNotResolve);

/** Unresolved imports at base and head; `toHead` maps base paths through renames. */
export function unresolvedImports(base: Snapshot, head: Snapshot, toHead: PathMap): UnresolvedSummary {
  const atBase = unresolvedOf(base);
  const atHead = unresolvedOf(head);
  const known = new Set(atBase.map((x) => `${toHead(x.from)}\u0000${x.specifier}`));
  const added = atHead.filter((x) => !known.has(`${x.from}\u0000${x.specifier}`)).map(({ from, line, specifier }) => ({ file: from, line, specifier }));
  const notice =
    added.length > 0 && atHead.length > atBase.length
      ? `${added.length} import${added.length === 1 ? "" : "s"} of this change resolve${added.length === 1 ? "s" : ""} to no file (unresolved imports: ${atBase.length} at base, ${atHead.length} at head): the graph has no edge for ${added.length === 1 ? "it" : "them"}, so rules and cycles cannot see ${added.length === 1 ? "it" : "them"}.`
      : null;
  return { added, base: atBase.length, head: atHead.length, notice };
}
