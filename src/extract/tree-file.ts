// The one way the review reads a file of a tree on disk (a checkout, a materialised git tree, an
// unpacked tarball): as a regular file inside the tree, of bounded size. A symbolic link is followed
// only when its final target stays inside the tree (as a checkout on a POSIX system would follow it);
// a link out of the tree (to /proc/self/environ, ~/.ssh, /dev/zero) and any device, FIFO, socket or
// directory is refused with a TreeFileRefusedError naming the repo-relative path, never the target.
import fs from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";

export type RefusalReason = "link-outside" | "link-broken" | "not-regular" | "too-large" | "outside-tree";

export interface TreeFileRefusal {
  /** Repo-relative POSIX path as the review names it. */
  path: string;
  reason: RefusalReason;
}

export class TreeFileRefusedError extends Error {
  override name = "TreeFileRefusedError";
  constructor(readonly refusal: TreeFileRefusal) {
    super(refusalText(refusal));
  }
}

/** Config files, package.json, tsconfig, workspace files: far above any real one, far below a heap. */
export const SUPPORT_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** Source files: generated bundles can be large; the cap only stops endless files. */
export const SOURCE_FILE_MAX_BYTES = 64 * 1024 * 1024;

const WHY: Record<RefusalReason, string> = {
  "link-outside": "is a symbolic link pointing outside the repository",
  "link-broken": "is a symbolic link that cannot be resolved",
  "not-regular": "is not a regular file (a device, FIFO, socket or directory)",
  "too-large": "is larger than archreview reads",
  "outside-tree": "lies outside the repository",
};

/** "`package.json` is a symbolic link pointing outside the repository: not read." */
export function refusalText(refusal: TreeFileRefusal): string {
  return `\`${safeExcerpt(refusal.path, 200)}\` ${WHY[refusal.reason]}: not read.`;
}

/** At most `max` characters of one line of user text, control characters dropped, for notices. */
export function safeExcerpt(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer. O_NOFOLLOW: the path opened is
// the resolved one, so a link swapped in between fails instead of being followed.
const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW;

function isInside(root: string, full: string): boolean {
  return full === root || full.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** The absolute path of `relPath` below `root`, or a refusal when the name itself leaves the tree. */
function lexicalPath(root: string, relPath: string): string {
  const full = path.resolve(root, relPath);
  if (!isInside(path.resolve(root), full) || full === path.resolve(root)) refuse(relPath, "outside-tree");
  return full;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Missing (null), or what a failed realpath/open means for a path that exists. */
function missingOrRefused(error: unknown, relPath: string, reason: RefusalReason): null {
  const code = errorCode(error);
  if (code === "ENOENT" || code === "ENOTDIR") return null;
  if (code === "ENXIO" || code === "EISDIR") refuse(relPath, "not-regular");
  if (code === "ELOOP") refuse(relPath, "link-broken");
  if (reason === "link-broken") refuse(relPath, reason);
  throw error;
}

export interface ReadOptions {
  maxBytes: number;
}

/** The real path of `relPath` inside the tree, null when nothing is there; refuses links out of it. */
function resolveTreeFile(root: string, relPath: string): string | null {
  const full = lexicalPath(root, relPath);
  try {
    fs.lstatSync(full);
  } catch (error) {
    return missingOrRefused(error, relPath, "not-regular");
  }
  let real: string;
  try {
    real = fs.realpathSync(full);
  } catch (error) {
    // lstat found the entry: a realpath failure is a dangling or looping link, never "missing".
    return missingOrRefused(error, relPath, "link-broken") ?? refuse(relPath, "link-broken");
  }
  if (!isInside(fs.realpathSync(path.resolve(root)), real)) refuse(relPath, "link-outside");
  return real;
}

function refuse(relPath: string, reason: RefusalReason): never {
  throw new TreeFileRefusedError({ path: relPath, reason });
}

/** Checks an opened file's fstat: a regular file within the cap; returns the buffer to read into (one byte spare). */
function bufferFor(stats: fs.Stats, relPath: string, maxBytes: number): Buffer {
  if (!stats.isFile()) refuse(relPath, "not-regular");
  if (stats.size > maxBytes) refuse(relPath, "too-large");
  return Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
}

/**
 * The bytes of `relPath` in the tree at `root`; null when it does not exist; TreeFileRefusedError
 * when it may not be read (the target of a refused link is never opened).
 */
export async function readTreeFile(root: string, relPath: string, options: ReadOptions): Promise<Buffer | null> {
  const real = resolveTreeFile(root, relPath);
  if (real === null) return null;
  let handle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch (error) {
    return missingOrRefused(error, relPath, "not-regular");
  }
  try {
    const buffer = bufferFor(await handle.stat(), relPath, options.maxBytes);
    // Read to the end, one byte past the cap at most: a file that grows past its size is refused too.
    for (let length = 0; ; ) {
      if (length === buffer.length) refuse(relPath, "too-large");
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** readTreeFile for synchronous callers (enhanced-resolve's file system, TypeScript's parse host). */
export function readTreeFileSync(root: string, relPath: string, options: ReadOptions): Buffer | null {
  const real = resolveTreeFile(root, relPath);
  if (real === null) return null;
  let fd: number;
  try {
    fd = fs.openSync(real, OPEN_FLAGS);
  } catch (error) {
    return missingOrRefused(error, relPath, "not-regular");
  }
  try {
    const buffer = bufferFor(fs.fstatSync(fd), relPath, options.maxBytes);
    for (let length = 0; ; ) {
      if (length === buffer.length) refuse(relPath, "too-large");
      const bytesRead = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A tree file's text (UTF-8), null when missing; refusals as readTreeFile. */
export async function readTreeText(root: string, relPath: string, options: ReadOptions = { maxBytes: SUPPORT_FILE_MAX_BYTES }): Promise<string | null> {
  return (await readTreeFile(root, relPath, options))?.toString("utf8") ?? null;
}

/** What an entry a listing met (not a directory, not a regular file) is: a refusal, or null for a link inside the tree. */
export function auditEntry(root: string, relPath: string): TreeFileRefusal | null {
  const full = path.join(root, relPath);
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(full);
  } catch {
    return null;
  }
  if (!stats.isSymbolicLink()) return stats.isFile() || stats.isDirectory() ? null : { path: relPath, reason: "not-regular" };
  try {
    return isInside(fs.realpathSync(root), fs.realpathSync(full)) ? null : { path: relPath, reason: "link-outside" };
  } catch {
    return { path: relPath, reason: "link-broken" };
  }
}
