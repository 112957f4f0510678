/**
 * Unpacks an untrusted repository archive into an empty private folder.
 *
 * node-tar's Parser only decodes entries (ustar, pax, GNU long names); every
 * write is ours: regular files only, mode 0o644, O_NOFOLLOW, path checked to
 * stay under the folder. Links and directories are never created from entries
 * (folders are made for the files that land in them), so no entry can redirect
 * a later write. Writes are synchronous so entries are handled strictly in
 * order and a failure stops everything before the next byte hits the disk.
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import {
  DEFAULT_SNAPSHOT_LIMITS,
  SnapshotRejected,
  corruptArchive,
  entryLimit,
  quote,
  specialFile,
  tooManyEntries,
  unpackedTooLarge,
  unsafePath,
  type SnapshotLimits,
} from "./limits.js";
import { EntryRejected, checkHardLink, checkSymlink, displayedEntryPath, snapshotPath } from "./paths.js";
import { SnapshotWriter, type SnapshotSummary } from "./writer.js";

export type { SnapshotSummary };

const GZIP_MAGIC = [0x1f, 0x8b] as const;
/** Feeding the compressed input in slices keeps gunzip's output demand-driven. */
const INPUT_SLICE = 64 * 1024;

export async function extractTarball(
  archive: Buffer,
  dir: string,
  limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS,
): Promise<SnapshotSummary> {
  const root = path.resolve(dir);
  // Cleanup empties the folder on rejection: refuse one that holds anything we did not write.
  if (readdirSync(root).length > 0) throw new Error(`extractTarball needs an empty directory: ${root}`);
  const writer = new SnapshotWriter(root, limits);
  try {
    await unpack(archive, writer, limits);
    return writer.summary();
  } catch (error) {
    writer.closeOpenFile();
    for (const name of readdirSync(root)) rmSync(path.join(root, name), { recursive: true, force: true });
    throw error;
  }
}

function isGzip(data: Buffer): boolean {
  return data[0] === GZIP_MAGIC[0] && data[1] === GZIP_MAGIC[1];
}

function* slices(archive: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < archive.length; offset += INPUT_SLICE) {
    yield archive.subarray(offset, offset + INPUT_SLICE);
  }
}

interface ParseState {
  failure: unknown;
  sawEndMarker: boolean;
  parserEnded: boolean;
  /** Entries of every type seen, ignored ones included. */
  entries: number;
}

/** node-tar's Parser routing every entry to `writer`; the first failure is kept in `state`. */
function entryParser(writer: SnapshotWriter, limits: SnapshotLimits): { parser: Parser; state: ParseState } {
  const state: ParseState = { failure: undefined, sawEndMarker: false, parserEnded: false, entries: 0 };
  const maxEntries = entryLimit(limits);
  // brotli/zstd off: the Parser must never decompress on its own, past our byte counting.
  const parser = new Parser({ strict: true, brotli: false, zstd: false });
  parser.on("error", (error: Error) => (state.failure ??= corruptArchive(error.message)));
  parser.on("eof", () => (state.sawEndMarker = true));
  parser.on("end", () => (state.parserEnded = true));
  const guard = (entry: ReadEntry, handle: () => void) => {
    if (state.failure !== undefined) return entry.resume();
    try {
      // Every type counts: folders and links are never written, but a million of them still cost the parse.
      if (++state.entries > maxEntries) throw tooManyEntries(limits);
      handle();
    } catch (error) {
      state.failure = withEntry(error, entry);
      entry.resume();
    }
  };
  parser.on("entry", (entry: ReadEntry) => guard(entry, () => routeEntry(entry, writer)));
  parser.on("ignoredEntry", (entry: ReadEntry) => guard(entry, () => refuseIgnored(entry, writer)));
  return { parser, state };
}

/** A rejection tagged with the entry that caused it, so the review can name the file. */
function withEntry(error: unknown, entry: ReadEntry): unknown {
  if (!(error instanceof SnapshotRejected) || error instanceof EntryRejected) return error;
  const isLink = entry.type === "SymbolicLink" || entry.type === "Link";
  return new EntryRejected(error, { path: displayedEntryPath(entry.path), type: entry.type, target: isLink ? (entry.linkpath ?? "") : null });
}

/**
 * The Parser would silently gunzip a second layer: the first bytes out of gunzip are held back
 * until they show they are not gzip again, so nesting is refused instead of escaping the count.
 */
class NestedGzipGuard {
  private head: Buffer | undefined;

  constructor(gzipped: boolean) {
    this.head = gzipped ? Buffer.alloc(0) : undefined;
  }

  /** What may go to the parser now (null: still holding back). */
  pass(chunk: Buffer): Buffer | null {
    if (this.head === undefined) return chunk;
    const head = Buffer.concat([this.head, chunk]);
    if (head.length < GZIP_MAGIC.length) {
      this.head = head;
      return null;
    }
    if (isGzip(head)) throw corruptArchive("archive is compressed twice");
    this.head = undefined;
    return head;
  }

  /** Bytes still held back at the end of the stream. */
  rest(): Buffer | null {
    const head = this.head;
    this.head = undefined;
    return head !== undefined && head.length > 0 ? head : null;
  }
}

/** After the parser ended: a failure, or an archive cut short, rejects the snapshot. */
function checkEnding(state: ParseState): void {
  if (state.failure !== undefined) throw state.failure;
  // node-tar accepts a stream cut at an entry boundary; git archive always writes the marker.
  if (!state.sawEndMarker) throw corruptArchive("archive ends without its end-of-archive marker");
  // Everything above runs synchronously inside write()/end(); an unfinished parser means a cut entry.
  if (!state.parserEnded) throw corruptArchive("archive ends inside an entry");
}

async function unpack(archive: Buffer, writer: SnapshotWriter, limits: SnapshotLimits): Promise<void> {
  const { parser, state } = entryParser(writer, limits);
  const gzipped = isGzip(archive);
  const source = Readable.from(slices(archive));
  const stream: AsyncIterable<Buffer> = gzipped ? source.pipe(createGunzip()) : source;
  const nested = new NestedGzipGuard(gzipped);
  let seen = 0;
  try {
    for await (const chunk of stream) {
      seen += chunk.length;
      // Counted as it leaves gunzip: a bomb is stopped here long before it is fully inflated.
      if (seen > limits.maxTotalBytes) throw unpackedTooLarge(limits, `decompressed stream passed ${seen} bytes`);
      // Past the end marker nothing is parsed; gunzip still runs to its trailer to check the CRC.
      if (state.sawEndMarker) continue;
      const data = nested.pass(chunk);
      if (data) parser.write(data);
      if (state.failure !== undefined) throw state.failure;
    }
  } catch (error) {
    if (error instanceof SnapshotRejected) throw error;
    if (isZlibError(error)) throw corruptArchive(`gzip: ${error.message}`);
    throw error;
  } finally {
    source.destroy();
  }
  const rest = nested.rest();
  if (rest) parser.write(rest);
  parser.end();
  checkEnding(state);
}

/** zlib reports damage as errors coded Z_DATA_ERROR, Z_BUF_ERROR ("unexpected end of file") and the like. */
function isZlibError(error: unknown): error is { code: string; message: string } {
  // Duck-typed: zlib's errors may come from another realm (vm contexts), where instanceof Error fails.
  const code: unknown = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("Z_");
}

function routeEntry(entry: ReadEntry, writer: SnapshotWriter): void {
  writer.declare(entry.size, entry.path);
  const rel = snapshotPath(entry.path);
  switch (entry.type) {
    case "File":
    case "OldFile":
    case "ContiguousFile":
      if (rel === null) throw unsafePath(`file entry ${quote(entry.path)} has no path below the top folder`);
      return writer.writeFile(entry, rel);
    case "Directory":
      // Git archives hold no empty folders: folders are made when their files arrive.
      return void entry.resume();
    case "SymbolicLink":
      checkSymlink(rel ?? "", entry.linkpath ?? "");
      return writer.skipLink(entry, rel);
    case "Link":
      checkHardLink(entry.path, entry.linkpath ?? "");
      return writer.skipLink(entry, rel);
    default:
      // Devices, FIFOs, GNU dump folders: nothing a source snapshot needs.
      throw specialFile(`${entry.type} entry ${quote(entry.path)}`);
  }
}

/** The Parser ignores types it does not know (sparse files, ACLs, tape headers) and oversized meta headers. */
function refuseIgnored(entry: ReadEntry, writer: SnapshotWriter): void {
  writer.declare(entry.size, entry.path);
  if (entry.meta) throw corruptArchive(`${entry.type} header of ${entry.size} bytes is too large`);
  throw specialFile(`${entry.type} entry ${quote(entry.path)}`);
}
