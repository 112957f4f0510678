/**
 * Limits and rejection reasons for unpacking an untrusted repository snapshot.
 * Messages are fixed sentences: they never quote archive-controlled text (paths,
 * link targets), which goes into `detail` for logs instead.
 */

export interface SnapshotLimits {
  /** Compressed archive size as downloaded. */
  maxArchiveBytes: number;
  /** Regular-file entries in the archive (written or skipped as too large); also bounds folders created. */
  maxFiles: number;
  /** Larger files are skipped and reported, not written: one generated blob must not fail a review. */
  maxFileBytes: number;
  /** Decompressed tar stream (headers, skipped files and all): bounds gzip bombs. */
  maxTotalBytes: number;
  /**
   * Entries of every type (files, folders, links, anything): a million folder or link entries costs
   * time even though none is written. Default: twice maxFiles (files and folders are each bounded by it).
   */
  maxEntries?: number;
  /** Files a pull request may change; past it nothing is downloaded (default DEFAULT_MAX_PR_FILES in compare.ts). */
  maxPrFiles?: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = Object.freeze({
  maxArchiveBytes: 200 * MiB,
  maxFiles: 50_000,
  maxFileBytes: 5 * MiB,
  maxTotalBytes: 1 * GiB,
});

export type SnapshotRejection =
  | "archive-too-large"
  | "too-many-files"
  /** Reserved: oversize files are skipped and reported rather than rejected. */
  | "file-too-large"
  | "unpacked-too-large"
  | "unsafe-path"
  | "unsafe-link"
  | "special-file"
  | "corrupt-archive";

export class SnapshotRejected extends Error {
  override readonly name = "SnapshotRejected";
  readonly reason: SnapshotRejection;
  /** Technical detail for logs; may contain archive-controlled text, so escape it before showing it to users. */
  readonly detail: string;

  constructor(reason: SnapshotRejection, message: string, detail: string) {
    super(message);
    this.reason = reason;
    this.detail = detail;
  }
}

/** "200 MiB", "1 GiB", "10,000 bytes": exact, so the message names the configured value. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [["GiB", GiB], ["MiB", MiB], ["KiB", KiB]] as const) {
    if (bytes >= size && bytes % size === 0) return `${(bytes / size).toLocaleString("en-US")} ${unit}`;
  }
  return `${bytes.toLocaleString("en-US")} bytes`;
}

/** Quotes and shortens untrusted text for `detail`. */
export function quote(text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return JSON.stringify(short);
}

export function archiveTooLarge(limits: SnapshotLimits, detail: string): SnapshotRejected {
  return new SnapshotRejected(
    "archive-too-large",
    `The repository archive is larger than ${formatBytes(limits.maxArchiveBytes)} (limit maxArchiveBytes).`,
    detail,
  );
}

export function tooManyFiles(limits: SnapshotLimits, what: "files" | "folders" = "files"): SnapshotRejected {
  return new SnapshotRejected(
    "too-many-files",
    `The repository snapshot has more than ${limits.maxFiles.toLocaleString("en-US")} ${what} (limit maxFiles).`,
    `${what} over ${limits.maxFiles}`,
  );
}

/** The entry limit in force: maxEntries, or twice maxFiles. */
export function entryLimit(limits: SnapshotLimits): number {
  return limits.maxEntries ?? 2 * limits.maxFiles;
}

export function tooManyEntries(limits: SnapshotLimits): SnapshotRejected {
  const source = limits.maxEntries === undefined ? "twice maxFiles" : "maxEntries";
  return new SnapshotRejected(
    "too-many-files",
    `The repository archive has more than ${entryLimit(limits).toLocaleString("en-US")} entries: files, folders and links (limit ${source}).`,
    `entries over ${entryLimit(limits)}`,
  );
}

export function unpackedTooLarge(limits: SnapshotLimits, detail: string): SnapshotRejected {
  return new SnapshotRejected(
    "unpacked-too-large",
    `The repository snapshot unpacks to more than ${formatBytes(limits.maxTotalBytes)} (limit maxTotalBytes).`,
    detail,
  );
}

export function unsafePath(detail: string): SnapshotRejected {
  return new SnapshotRejected(
    "unsafe-path",
    "The repository archive contains a path that would be written outside the snapshot folder, or that cannot be written safely.",
    detail,
  );
}

export function unsafeLink(detail: string): SnapshotRejected {
  return new SnapshotRejected(
    "unsafe-link",
    "The repository archive contains a link that points outside the snapshot folder.",
    detail,
  );
}

export function specialFile(detail: string): SnapshotRejected {
  return new SnapshotRejected(
    "special-file",
    "The repository archive contains a device, FIFO or other special file, which a source snapshot never needs.",
    detail,
  );
}

export function corruptArchive(detail: string): SnapshotRejected {
  return new SnapshotRejected("corrupt-archive", "The repository archive is corrupt or truncated.", detail);
}
