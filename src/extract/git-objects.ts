// Every git process the engine starts to read a tree from git objects, behind one injectable
// `GitProcesses`: the listing (`ls-tree`), and one long-lived `cat-file --batch` per review that
// streams the blobs asked for. Nothing is written to disk.
import { spawn, spawnSync } from "node:child_process";
import type { Readable, Writable } from "node:stream";

export interface StartedGit {
  stdin: Writable;
  stdout: Readable;
  /** Resolves when the process has ended. */
  closed: Promise<void>;
  kill(): void;
}

export interface GitProcesses {
  /** Runs git to its end: its stdout, or a GitObjectsError. */
  run(args: string[], cwd: string): Promise<Buffer>;
  /** The same, synchronously (a tsconfig `extends` target the resolver asks for mid-resolution). */
  runSync(args: string[], cwd: string): Buffer;
  /** A long-lived git process fed on stdin. */
  start(args: string[], cwd: string): StartedGit;
}

export class GitObjectsError extends Error {
  override name = "GitObjectsError";
}

const gitEnv = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_TERMINAL_PROMPT: "0" });
const firstLine = (text: string, code: number | null): string => text.trim().split("\n")[0] || `exit ${code}`;

export const nodeGitProcesses: GitProcesses = {
  run: (args, cwd) =>
    new Promise((resolve, reject) => {
      const child = spawn("git", args, { cwd, env: gitEnv() });
      const out: Buffer[] = [];
      let err = "";
      child.stdout.on("data", (d: Buffer) => out.push(d));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new GitObjectsError(`git ${args[0]} failed: ${firstLine(err, code)}`))));
    }),
  runSync: (args, cwd) => {
    const r = spawnSync("git", args, { cwd, env: gitEnv(), maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new GitObjectsError(`git ${args[0]} failed: ${firstLine(r.stderr?.toString() ?? "", r.status)}`);
    return r.stdout;
  },
  start: (args, cwd) => {
    const child = spawn("git", args, { cwd, env: gitEnv(), stdio: ["pipe", "pipe", "ignore"] });
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    child.on("error", () => undefined); // reported through the reads that fail
    return { stdin: child.stdin, stdout: child.stdout, closed, kill: () => void child.kill("SIGKILL") };
  },
};

interface Pending {
  resolve(bytes: Buffer | null): void;
  reject(error: Error): void;
}

/** One `git cat-file --batch`: blobs by object id, answered in the order asked. */
export class BlobStream {
  private readonly git: StartedGit;
  private readonly pending: Pending[] = [];
  private buffered: Buffer = Buffer.alloc(0);
  /** Chunks not yet joined to `buffered`, and how many bytes `buffered` must hold before parsing again: a large blob is joined once, not per chunk. */
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  private needed = 0;
  private ended = false;
  /** Requests not yet written: those asked in one tick go to git in one write. */
  private unsent = "";

  constructor(repo: string, processes: GitProcesses) {
    this.git = processes.start(["cat-file", "--batch"], repo);
    this.git.stdout.on("data", (chunk: Buffer) => this.take(chunk));
    this.git.stdin.on("error", () => this.fail(new GitObjectsError("git cat-file stopped")));
    void this.git.closed.then(() => this.fail(new GitObjectsError("git cat-file stopped")));
  }

  /** The blob's bytes, or null when the repository lacks it (public snapshots may). */
  read(object: string): Promise<Buffer | null> {
    if (this.ended) return Promise.reject(new GitObjectsError("git cat-file stopped"));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      if (this.unsent === "") queueMicrotask(() => this.send());
      this.unsent += `${object}\n`;
    });
  }

  private send(): void {
    const requests = this.unsent;
    this.unsent = "";
    if (requests !== "" && !this.ended) this.git.stdin.write(requests);
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.send();
    this.ended = true;
    this.git.stdin.end();
    await this.git.closed;
  }

  private fail(error: Error): void {
    this.ended = true;
    for (const p of this.pending.splice(0)) p.reject(error);
  }

  /** Answers: "<oid> blob <size>\n<bytes>\n" or "<oid> missing\n". */
  private take(chunk: Buffer): void {
    this.waiting.push(chunk);
    this.waitingBytes += chunk.length;
    if (this.buffered.length + this.waitingBytes < this.needed) return;
    this.buffered = Buffer.concat([this.buffered, ...this.waiting]);
    this.waiting = [];
    this.waitingBytes = 0;
    this.needed = 0;
    for (;;) {
      const eol = this.buffered.indexOf(10);
      if (eol < 0) return;
      const header = this.buffered.subarray(0, eol).toString("latin1").split(" ");
      if (header[1] === "missing" || header.length < 3) {
        this.buffered = this.buffered.subarray(eol + 1);
        this.pending.shift()?.resolve(null);
        continue;
      }
      const size = Number(header[2]);
      if (this.buffered.length < eol + 1 + size + 1) {
        this.needed = eol + 1 + size + 1;
        return;
      }
      const bytes = Buffer.from(this.buffered.subarray(eol + 1, eol + 1 + size));
      this.buffered = this.buffered.subarray(eol + 1 + size + 1);
      this.pending.shift()?.resolve(header[1] === "blob" ? bytes : null);
    }
  }
}

export interface GitEntry {
  mode: string;
  object: string;
  /** Bytes; 0 for trees and submodules. */
  size: number;
}

/** The listing command of a tree: the CLI may run it ahead (git/git.ts runs the same arguments) and hand its output in. */
export const listingArgs = (sha: string): string[] => ["ls-tree", "-r", "-l", "-z", "--full-tree", sha];

const bytesOf = (out: Uint8Array): Buffer => (Buffer.isBuffer(out) ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength));

/**
 * `git ls-tree -r -l -z` output: "<mode> <type> <object> <size>\t<path>\0" entries (the size
 * right-aligned, "-" for trees and submodules). Sliced by hand: a large tree's listing is on a review's critical path.
 */
export function parseTreeListing(out: Uint8Array): Map<string, GitEntry> {
  const entries = new Map<string, GitEntry>();
  parseEntries(bytesOf(out), 0, out.byteLength, (file, entry) => entries.set(file, entry));
  return entries;
}

/** The entries of `bytes` from `from` to `to` (both at entry boundaries: after a NUL or at an end), in listing order. */
function parseEntries(bytes: Buffer, from: number, to: number, visit: (file: string, entry: GitEntry) => void): number {
  // Boundaries are NUL bytes, never inside a UTF-8 sequence: the region decodes on its own.
  const text = bytes.toString("utf8", from, to);
  let count = 0;
  for (let start = 0; start < text.length; ) {
    const nul = text.indexOf("\0", start);
    const end = nul < 0 ? text.length : nul;
    const tab = text.indexOf("\t", start);
    if (tab >= 0 && tab < end) {
      visit(text.slice(tab + 1, end), entryOf(text.slice(start, tab)));
      count++;
    }
    start = end + 1;
  }
  return count;
}

/**
 * Both sides' listings, the head's sharing the base's entries: the two are byte-identical but for
 * the entries of the paths the change touches, so only those of the head are parsed. `added`: the
 * head's entries in the differing stretch; `removed`: the base's (a modified path is in both).
 */
export interface ListingPair {
  base: Map<string, GitEntry>;
  head: Map<string, GitEntry>;
  delta: { removed: Map<string, GitEntry>; added: Map<string, GitEntry> };
}

/** Chunk sizes for finding where two listings part: whole chunks compared natively, then finer ones. */
const COMPARE_STEPS = [65_536, 4_096, 256, 16, 1];

/** How many leading bytes `a` and `b` share. */
function sharedPrefix(a: Buffer, b: Buffer): number {
  const max = Math.min(a.length, b.length);
  let at = 0;
  for (const step of COMPARE_STEPS) while (at + step <= max && a.compare(b, at, at + step, at, at + step) === 0) at += step;
  return at;
}

/** How many trailing bytes `a` and `b` share, at most `limit`. */
function sharedSuffix(a: Buffer, b: Buffer, limit: number): number {
  let n = 0;
  for (const step of COMPARE_STEPS) while (n + step <= limit && a.compare(b, b.length - n - step, b.length - n, a.length - n - step, a.length - n) === 0) n += step;
  return n;
}

/** Parses the base's listing and, of the head's, only the stretch where it differs from the base's (entries kept in listing order). */
export function parseListingPair(baseOut: Uint8Array, headOut: Uint8Array): ListingPair {
  const [base, head] = [bytesOf(baseOut), bytesOf(headOut)];
  const prefix = sharedPrefix(base, head);
  // Back to the start of the entry the listings part in (the bytes before are the same in both).
  const from = prefix === 0 ? 0 : base.lastIndexOf(0, prefix - 1) + 1;
  const suffix = sharedSuffix(base, head, Math.min(base.length, head.length) - prefix);
  // On to the start of the first entry wholly inside the shared tail: after a NUL that both share.
  const nul = suffix === 0 ? -1 : base.indexOf(0, base.length - suffix);
  const baseTo = nul < 0 ? base.length : nul + 1;
  const headTo = nul < 0 ? head.length : nul + 1 + head.length - base.length;
  const baseEntries = new Map<string, GitEntry>();
  const removed = new Map<string, GitEntry>();
  const added = new Map<string, GitEntry>();
  const kept = parseEntries(base, 0, from, (file, entry) => baseEntries.set(file, entry));
  parseEntries(base, from, baseTo, (file, entry) => (baseEntries.set(file, entry), removed.set(file, entry)));
  parseEntries(base, baseTo, base.length, (file, entry) => baseEntries.set(file, entry));
  parseEntries(head, from, headTo, (file, entry) => added.set(file, entry));
  const headEntries = removed.size === 0 && added.size === 0 ? baseEntries : spliced(baseEntries, kept, removed.size, added);
  return { base: baseEntries, head: headEntries, delta: { removed, added } };
}

/** `entries` with the `count` entries from index `at` replaced by `added`, in order. */
function spliced(entries: Map<string, GitEntry>, at: number, count: number, added: Map<string, GitEntry>): Map<string, GitEntry> {
  const result = new Map<string, GitEntry>();
  const insert = (): void => added.forEach((entry, file) => result.set(file, entry));
  let index = 0;
  // forEach, not for-of: no [file, entry] pair allocated per entry (this runs once, cold, over a whole tree).
  entries.forEach((entry, file) => {
    if (index === at) insert();
    if (index < at || index >= at + count) result.set(file, entry);
    index++;
  });
  if (index <= at) insert();
  return result;
}

/** "<mode> <type> <object> <size>": git separates the fields by one space and pads the size on its left. */
function entryOf(header: string): GitEntry {
  const afterMode = header.indexOf(" ");
  const afterType = header.indexOf(" ", afterMode + 1);
  const afterObject = header.indexOf(" ", afterType + 1);
  const size = header.slice(afterObject + 1).trim();
  return { mode: header.slice(0, afterMode), object: header.slice(afterType + 1, afterObject), size: size === "-" ? 0 : Number(size) };
}

/** Every entry of a tree (files, links, submodules), recursively: from `listing` when the caller already ran `listingArgs(sha)`. */
export async function listGitTree(repo: string, sha: string, processes: GitProcesses, listing?: Uint8Array): Promise<Map<string, GitEntry>> {
  return parseTreeListing(listing ?? (await processes.run(listingArgs(sha), repo)));
}
