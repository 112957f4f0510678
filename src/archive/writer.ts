/**
 * The only code that touches the snapshot folder: counts entries against the
 * limits and writes regular files, one at a time, strictly below `root`.
 */
import { closeSync, constants, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { ReadEntry } from "tar";
import { quote, tooManyFiles, unpackedTooLarge, unsafePath, type SnapshotLimits } from "./limits.js";

export interface SnapshotSummary {
  /** Regular files written. */
  files: number;
  /** Bytes written. */
  bytes: number;
  /** Snapshot paths of files over maxFileBytes, left out of the folder. */
  skippedLargeFiles: string[];
  /** Snapshot paths of symlinks and hard links pointing inside, left out of the folder. */
  skippedLinks: string[];
}

/** File-system answers that mean two entries disagree about a path (file vs folder, name too long). */
const PATH_CONFLICTS = new Set(["ENOTDIR", "EISDIR", "EEXIST", "ENAMETOOLONG", "ELOOP"]);
/** O_NOFOLLOW: even though no links are ever created, never write through one. */
const OPEN_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;

export class SnapshotWriter {
  private fileEntries = 0;
  private foldersCreated = 0;
  private declaredBytes = 0;
  private filesWritten = 0;
  private bytesWritten = 0;
  private openFile: number | undefined;
  private readonly skippedLargeFiles: string[] = [];
  private readonly skippedLinks: string[] = [];

  constructor(
    private readonly root: string,
    private readonly limits: SnapshotLimits,
  ) {}

  /** Entry sizes are known from headers: a too-big total is refused before its body is inflated. */
  declare(size: number, entryPath: string): void {
    this.declaredBytes += size;
    if (this.declaredBytes > this.limits.maxTotalBytes) {
      throw unpackedTooLarge(this.limits, `entry ${quote(entryPath)} declares ${size} bytes`);
    }
  }

  writeFile(entry: ReadEntry, rel: string): void {
    this.fileEntries += 1;
    if (this.fileEntries > this.limits.maxFiles) throw tooManyFiles(this.limits);
    if (entry.size > this.limits.maxFileBytes) {
      this.skippedLargeFiles.push(rel);
      entry.resume();
      return;
    }
    const fd = this.open(rel);
    this.openFile = fd;
    this.filesWritten += 1;
    // 'end' first: an empty entry ends as soon as 'data' makes it flow.
    entry.on("end", () => this.closeOpenFile());
    entry.on("data", (chunk: Buffer) => {
      for (let offset = 0; offset < chunk.length; ) offset += writeSync(fd, chunk, offset);
      this.bytesWritten += chunk.length;
    });
  }

  /** Links are left out (see paths.ts); the caller has already refused those pointing outside. */
  skipLink(entry: ReadEntry, rel: string | null): void {
    if (rel !== null) this.skippedLinks.push(rel);
    entry.resume();
  }

  closeOpenFile(): void {
    if (this.openFile === undefined) return;
    const fd = this.openFile;
    this.openFile = undefined;
    closeSync(fd);
  }

  summary(): SnapshotSummary {
    return {
      files: this.filesWritten,
      bytes: this.bytesWritten,
      skippedLargeFiles: [...this.skippedLargeFiles],
      skippedLinks: [...this.skippedLinks],
    };
  }

  private open(rel: string): number {
    const target = path.join(this.root, ...rel.split("/"));
    // Redundant with the segment rules in paths.ts, on purpose: the last word before writing.
    if (!target.startsWith(this.root + path.sep)) throw unsafePath(`${quote(rel)} resolves outside`);
    try {
      this.makeFolders(path.dirname(target));
      return openSync(target, OPEN_FLAGS, 0o644);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && PATH_CONFLICTS.has(code)) throw unsafePath(`${quote(rel)}: ${code}`);
      throw error;
    }
  }

  /**
   * Folders come only from file paths, so each file can add as many as its depth:
   * without a bound, 50,000 deep paths would be millions of inodes. mkdir tells
   * the first folder it made, which gives the count without remembering paths.
   */
  private makeFolders(folder: string): void {
    const first = mkdirSync(folder, { recursive: true, mode: 0o755 });
    if (first === undefined) return;
    this.foldersCreated += path.relative(first, folder).split(path.sep).filter(Boolean).length + 1;
    if (this.foldersCreated > this.limits.maxFiles) throw tooManyFiles(this.limits, "folders");
  }
}

/**
 * Writes one file of a snapshot fetched file by file (changed-files.ts): `rel` has passed
 * repoPath, and is checked once more to land below `root`, never through a link.
 */
export function writeSnapshotFile(root: string, rel: string, data: Buffer | string): void {
  const top = path.resolve(root);
  const target = path.join(top, ...rel.split("/"));
  if (!target.startsWith(top + path.sep)) throw unsafePath(`${quote(rel)} resolves outside`);
  let fd: number | undefined;
  try {
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fd = openSync(target, OPEN_FLAGS, 0o644);
    writeFileSync(fd, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && PATH_CONFLICTS.has(code)) throw unsafePath(`${quote(rel)}: ${code}`);
    throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
