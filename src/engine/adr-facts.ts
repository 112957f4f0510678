// The ADR stub a review proposes for its boundary changes: numbered after the head's records, and
// none when the change adds its own record of the decision (core/adr-recorded.ts).
import { planAdr } from "../core/adr-plan.js";
import { recordingAdr, type AddedRecord } from "../core/adr-recorded.js";
import { adrTitle, slugify } from "../core/adr-title.js";
import type { AdrFacts, BoundaryChange, BoundaryMetrics, FileChange, Review } from "../core/model.js";
import type { TreeSource } from "../extract/tree-source.js";
import type { LoadedConfig } from "./config.js";
import { readerOf } from "./tree-sources.js";

/** A change adding more records than this is not a decision record being written: its records are not read. */
const MAX_ADDED_RECORDS_READ = 20;

export interface AdrContext {
  /** YYYY-MM-DD. */
  today: string;
  head: TreeSource;
  headFiles: string[];
  changes: FileChange[];
}

/** The facts of the ADR stub, or null when the change records the decision itself. */
export async function adrFacts(review: Review, decisions: BoundaryChange[], loaded: LoadedConfig, at: AdrContext): Promise<AdrFacts | null> {
  const read = readerOf(at.head);
  // A refused .adr-dir (a link out of the tree...) counts as absent; the listing's notice names it.
  const adrDir = await read(".adr-dir").catch(() => null);
  const plan = planAdr(at.headFiles, loaded.config.adr.directory, adrDir);
  if (recordingAdr(decisions, await addedRecords(at, plan.directory, read))) return null;
  const title = adrTitle(decisions);
  const concerned = new Set(decisions.flatMap((c) => [c.from, c.to, c.boundary]).filter((b): b is string => !!b));
  const metrics: BoundaryMetrics[] = review.metrics.filter((m) => concerned.has(m.boundary));
  return {
    number: plan.number,
    path: `${plan.directory}/${String(plan.number).padStart(4, "0")}-${slugify(title)}.md`,
    title,
    date: at.today,
    base: review.base,
    head: review.head,
    changes: decisions,
    metrics,
    configFile: loaded.configChangedFile,
  };
}

/** The records this change adds to the ADR directory (added or moved there), with their text. */
async function addedRecords(at: AdrContext, directory: string, read: (file: string) => Promise<string | null>): Promise<AddedRecord[]> {
  const inDirectory = (file: string): boolean => file.startsWith(`${directory}/`) && !file.slice(directory.length + 1).includes("/");
  const added = at.changes.filter((c) => (c.kind === "added" || (c.kind === "renamed" && !inDirectory(c.previousPath ?? ""))) && inDirectory(c.path));
  if (added.length === 0 || added.length > MAX_ADDED_RECORDS_READ) return [];
  const texts = await Promise.all(added.map(async (c) => ({ path: c.path, text: await read(c.path).catch(() => null) })));
  return texts.filter((r): r is AddedRecord => r.text !== null);
}
