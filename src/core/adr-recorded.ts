// A change that writes its own architecture decision record needs no stub: the record it adds
// under the ADR directory names every boundary the decision concerns (adr-tools' and MADR's
// records name what they decide about), so proposing another one would only be noise.
import type { BoundaryChange } from "./model.js";

export interface AddedRecord {
  path: string;
  text: string;
}

/** The boundaries a decision is about: both ends of a dependency, or the boundary added or removed. */
function concernedBoundaries(decisions: BoundaryChange[]): string[] {
  const names = decisions.flatMap((c) => [c.from, c.to, c.boundary]).filter((b): b is string => !!b);
  return [...new Set(names)];
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `name` as a word of `text`: not part of a longer identifier or path segment (`git` is not in `github`). */
function names(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w-])${escaped(name)}($|[^\\w-])`, "i").test(text);
}

/** The first added record naming every concerned boundary; with none concerned (a config edit), the first added record. */
export function recordingAdr(decisions: BoundaryChange[], added: AddedRecord[]): AddedRecord | null {
  const concerned = concernedBoundaries(decisions);
  return added.find((record) => concerned.every((name) => names(record.text, name))) ?? null;
}
