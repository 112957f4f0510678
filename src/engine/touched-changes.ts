// Per touched source file: the line hunks between its base and head text (size findings only where
// the change touched) and whether a generator's marker heads it. Reads through the engine's tree
// readers, a few files at a time.
import type { FileChange, LineHunk } from "../core/model.js";
import { hasGeneratedHeader } from "../extract/generated-header.js";
import { addedFileHunks, lineHunks } from "../extract/line-diff.js";
import type { TreeReader } from "./config.js";

const CONCURRENT_READS = 16;

export interface TouchedChanges {
  /** Head path -> hunks; a file whose head text could not be read is left out (judged as a whole). */
  hunks: Record<string, LineHunk[]>;
  /** Head paths marked generated in their first lines (at base too when the file existed there: a PR cannot stamp a file to hide it). */
  headerMarked: Set<string>;
}

export async function touchedChanges(read: { base: TreeReader; head: TreeReader }, changes: FileChange[], headModules: ReadonlySet<string>): Promise<TouchedChanges> {
  const result: TouchedChanges = { hunks: {}, headerMarked: new Set() };
  const files = changes.filter((c) => c.kind !== "deleted" && headModules.has(c.path));
  for (let i = 0; i < files.length; i += CONCURRENT_READS) {
    await Promise.all(files.slice(i, i + CONCURRENT_READS).map((change) => compare(read, change, result)));
  }
  return result;
}

async function compare(read: { base: TreeReader; head: TreeReader }, change: FileChange, result: TouchedChanges): Promise<void> {
  const [headText, baseText] = await Promise.all([
    read.head(change.path),
    change.kind === "added" ? Promise.resolve(null) : read.base(change.previousPath ?? change.path),
  ]);
  if (headText === null) return;
  result.hunks[change.path] = baseText === null ? addedFileHunks(headText) : lineHunks(baseText, headText);
  if (hasGeneratedHeader(headText) && (baseText === null || hasGeneratedHeader(baseText))) result.headerMarked.add(change.path);
}
