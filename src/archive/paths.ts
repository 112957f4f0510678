/**
 * Pure path rules for entries of an untrusted repository archive. Everything is
 * decided on the archive's own (POSIX) names before the file system is touched.
 */
import path from "node:path";
import { SnapshotRejected, quote, unsafeLink, unsafePath } from "./limits.js";

/** The archive entry a snapshot was rejected for, as the repository names it. Archive-controlled text: escape before showing. */
export interface RejectedEntry {
  /** The entry's path with GitHub's top folder stripped (the raw name when it has none to strip). */
  path: string;
  /** node-tar's entry type: File, SymbolicLink, Link, CharacterDevice, FIFO, ... */
  type: string;
  /** A link's target, as written in the archive. */
  target: string | null;
}

/** A rejection caused by one entry of the archive: the same reason and message, plus the entry. */
export class EntryRejected extends SnapshotRejected {
  readonly entry: RejectedEntry;

  constructor(rejected: SnapshotRejected, entry: RejectedEntry) {
    super(rejected.reason, rejected.message, rejected.detail);
    this.entry = entry;
  }
}

/** How the repository names an archive entry: without the top folder, unless the name has none (absolute, ".."). */
export function displayedEntryPath(entryPath: string): string {
  const segments = entryPath.split("/");
  const top = segments[0] ?? "";
  if (segments.length < 2 || top === "" || top === "." || top === "..") return entryPath;
  return segments.slice(1).join("/") || entryPath;
}

/** Splits an archive name into segments, rejecting anything that could climb or be read differently. */
function checkedSegments(name: string, reject: (detail: string) => Error): string[] {
  // Backslashes are separators on Windows and NUL truncates names in C APIs: neither belongs in a snapshot.
  if (name.includes("\\") || name.includes("\0")) throw reject(`forbidden character in ${quote(name)}`);
  if (name.startsWith("/")) throw reject(`absolute path ${quote(name)}`);
  const segments = name.split("/");
  // Checked BEFORE stripping the top folder, so "../evil" cannot lose its ".." as the "top folder".
  if (segments.includes("..")) throw reject(`parent segment in ${quote(name)}`);
  return segments;
}

/**
 * The entry's path inside the snapshot: GitHub's single top folder
 * (`<owner>-<repo>-<short sha>/`) stripped, empty and "." segments dropped.
 * Returns null for the top folder itself, which has nothing to write.
 */
export function snapshotPath(entryPath: string): string | null {
  const segments = checkedSegments(entryPath, unsafePath).slice(1).filter((s) => s !== "" && s !== ".");
  return segments.length === 0 ? null : segments.join("/");
}

/**
 * A repository path named by the API (the compare API's file names): the same rules as archive
 * entries, and no empty or "." segments either (git never writes them). Returns it unchanged.
 */
export function repoPath(name: string): string {
  const segments = checkedSegments(name, unsafePath);
  if (segments.some((s) => s === "" || s === ".")) throw unsafePath(`empty or "." segment in ${quote(name)}`);
  return name;
}

/**
 * Symlinks are never created (nothing in an architecture review needs them and
 * none can then redirect a later write), but one pointing outside the snapshot
 * signals a hostile archive: throws for those, returns normally for the rest.
 */
export function checkSymlink(linkPath: string, target: string): void {
  if (target.includes("\0")) throw unsafeLink(`forbidden character in target of ${quote(linkPath)}`);
  if (target.startsWith("/")) throw unsafeLink(`${quote(linkPath)} points to absolute ${quote(target)}`);
  // Targets are relative to the link's own folder; normalize on POSIX rules as the archive uses them.
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(linkPath), target));
  if (resolved === ".." || resolved.startsWith("../")) {
    throw unsafeLink(`${quote(linkPath)} points outside to ${quote(target)}`);
  }
}

/**
 * Hard links are never created either (a hard link can alias a file outside the
 * folder). Their target is an archive name like any entry path, so it gets the
 * entry rules: throws when it leaves the archive, returns normally otherwise.
 */
export function checkHardLink(linkPath: string, target: string): void {
  checkedSegments(target, (detail) => unsafeLink(`hard link ${quote(linkPath)}: ${detail}`));
}
