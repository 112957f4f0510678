// The file system enhanced-resolve sees in the fast graph. Resolving one specifier probes many
// paths that do not exist (every extension, every `paths` target, a package.json per directory);
// through node:fs each miss is a system call plus an Error with a stack trace, and through
// CachedInputFileSystem every later hit on a miss is a throw. Here `stat` and `readlink` are
// answered from one listing per directory, a miss is a map lookup and a shared error, and every
// callback runs synchronously (what resolveSync needs, without the sync decorator). Answers are
// the real file system's: symlinks and anything unusual are asked of it, so enhanced-resolve
// resolves exactly as it does for dependency-cruiser. Except for contents: a file is read only as a
// regular file of bounded size, and inside the tree only when it does not link out of it (tree-file.ts).
import fs, { type Dirent } from "node:fs";
import path from "node:path";
import { readTreeFileSync, SOURCE_FILE_MAX_BYTES, SUPPORT_FILE_MAX_BYTES, TreeFileRefusedError } from "./tree-file.js";
import type { EntryKind, TreeView } from "./tree-source.js";

type Callback<T> = (err: NodeJS.ErrnoException | null, result?: T) => void;
interface Answer<T> {
  err: NodeJS.ErrnoException | null;
  result?: T;
}

const ENTRY_FILE = 1;
const ENTRY_DIRECTORY = 2;
const ENTRY_OTHER = 3; // symlink, socket, unknown type, unreadable directory: ask the real file system
type Listing = Map<string, number> | null | typeof ENTRY_OTHER;

/** Stats as enhanced-resolve and tsconfig-paths read them: isFile / isDirectory only. */
const FILE_STATS = { isFile: () => true, isDirectory: () => false } as unknown as fs.Stats;
const DIRECTORY_STATS = { isFile: () => false, isDirectory: () => true } as unknown as fs.Stats;

function sharedError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(code);
  error.code = code;
  return Object.freeze(error);
}
const NOT_FOUND: Answer<never> = { err: sharedError("ENOENT") };
const NOT_A_LINK: Answer<never> = { err: sharedError("EINVAL") };

function attempt<T>(run: () => T): Answer<T> {
  try {
    return { err: null, result: run() };
  } catch (error) {
    return { err: error as NodeJS.ErrnoException };
  }
}

function memo<T>(cache: Map<string, Answer<T>>, key: string, run: () => T): Answer<T> {
  let answer = cache.get(key);
  if (answer === undefined) cache.set(key, (answer = attempt(run)));
  return answer;
}

function isDirectory(file: string): boolean {
  return attempt(() => fs.statSync(file)).result?.isDirectory() === true;
}

/**
 * `file`'s bytes through the safe reader: contained in `root` below it, anywhere else (ancestors of
 * the tree, which the reviewed change does not write) still a regular file within the cap. A refusal
 * reads as an unreadable file (with a code, so enhanced-resolve treats it as absent, not as broken).
 */
function readSafely(root: string | null, file: string, maxBytes: number, view: TreeView | null): Buffer {
  const inside = root !== null && file.startsWith(root + path.sep);
  try {
    const top = inside ? root : path.parse(file).root;
    const bytes = view ? view.readSync(file, maxBytes) : readTreeFileSync(top, path.relative(top, file), { maxBytes });
    if (bytes === null) throw sharedError("ENOENT");
    return bytes;
  } catch (error) {
    if (!(error instanceof TreeFileRefusedError)) throw error;
    const unreadable: NodeJS.ErrnoException = new Error(error.message);
    // A directory fails as node:fs fails on it; anything else refused as a file that cannot be read.
    const directory = view ? view.kindOf(file) === "directory" : isDirectory(file);
    unreadable.code = error.refusal.reason === "not-regular" && directory ? "EISDIR" : "EACCES";
    throw unreadable;
  }
}

const reply = <T>(answer: Answer<T>, callback: Callback<T>): void => (answer.err ? callback(answer.err) : callback(null, answer.result));

export class SnapshotFileSystem {
  private readonly listings = new Map<string, Listing>();
  private readonly stats = new Map<string, Answer<fs.Stats>>();
  private readonly links = new Map<string, Answer<string>>();
  private readonly contents = new Map<string, Answer<Buffer>>();
  private readonly json = new Map<string, Answer<unknown>>();
  private readonly scopes = new Map<string, { description: string; modules: string }>();
  private readonly realDirectories = new Map<string, boolean>();

  /**
   * Listings answer by exact name, which only a case-sensitive file system does. `root`: the tree,
   * whose files are read only when they do not link out of it (null: no containment, tests).
   */
  constructor(
    private readonly listed = process.platform === "linux",
    root: string | null = null,
    /** A tree not on disk (git objects): every answer comes from it, none from node:fs. */
    readonly view: TreeView | null = null,
  ) {
    this.root = root === null ? null : path.resolve(root);
  }

  private readonly root: string | null;

  private parseJsonFile(file: string): unknown {
    return JSON.parse(readSafely(this.root, file, SUPPORT_FILE_MAX_BYTES, this.view).toString("utf8"));
  }

  stat(file: string, callback: Callback<fs.Stats>): void {
    const entry = this.entry(file);
    if (entry === ENTRY_FILE) return callback(null, FILE_STATS);
    if (entry === ENTRY_DIRECTORY) return callback(null, DIRECTORY_STATS);
    if (entry === undefined) return reply(NOT_FOUND, callback);
    reply(memo(this.stats, file, () => (this.view ? viewStat(this.view, file) : fs.statSync(file))), callback);
  }

  readlink(file: string, callback: Callback<string>): void {
    const entry = this.entry(file);
    if (entry === ENTRY_OTHER) return reply(memo(this.links, file, () => (this.view ? viewReadlink(this.view, file) : fs.readlinkSync(file, "utf8"))), callback);
    reply(entry === undefined ? NOT_FOUND : NOT_A_LINK, callback);
  }

  readFile(file: string, callback: Callback<Buffer>): void {
    if (this.entry(file) === undefined) return reply(NOT_FOUND, callback);
    reply(memo(this.contents, file, () => readSafely(this.root, file, SOURCE_FILE_MAX_BYTES, this.view)), callback);
  }

  /** As CachedInputFileSystem's readJsonSync parses: errors without a `code` fail the resolution. */
  readJson(file: string, callback: Callback<unknown>): void {
    if (this.entry(file) === undefined) return reply(NOT_FOUND, callback);
    reply(memo(this.json, file, () => this.parseJsonFile(file)), callback);
  }

  readdir(dir: string, callback: Callback<string[]>): void {
    const view = this.view;
    if (view) return reply(attempt(() => [...(view.entriesOf(dir) ?? throwCode("ENOENT")).keys()]), callback);
    reply(attempt(() => fs.readdirSync(dir)), callback);
  }

  realpath(file: string, callback: Callback<string>): void {
    const view = this.view;
    if (view) return reply(attempt(() => view.realpath(file) ?? throwCode("ENOENT")), callback);
    reply(attempt(() => fs.realpathSync(file)), callback);
  }

  /**
   * What enhanced-resolve reads of a lookup directory besides the request, as a cache key (null
   * when listings are off and that cannot be told): the ancestors holding a node_modules entry,
   * where bare names are looked up, and its nearest package.json. That file's `imports` field
   * answers `#x` requests; for any other request only whether it loads matters (a broken one
   * fails every resolution below it), so a loadable one counts as "ok".
   */
  lookupScope(dir: string, subpathImport: boolean): string | null {
    if (!this.listed) return null;
    const { description, modules } = this.scopeOf(dir);
    const shown = subpathImport || !this.descriptionLoads(dir) ? description : "ok";
    return `${shown}\u0000${modules}`;
  }

  /** Whether the nearest package.json at or above `dir` loads (or there is none); enhanced-resolve fails below a broken one. */
  descriptionLoads(dir: string): boolean {
    const { description } = this.scopeOf(dir);
    return description === "" || memo(this.json, description, () => this.parseJsonFile(description)).err === null;
  }

  /** What `file` is by its directory's listing; "other" (symlink, unknown) is for the real file system to say. */
  kindOf(file: string): "file" | "directory" | "other" | "missing" {
    const entry = this.entry(file);
    return entry === ENTRY_FILE ? "file" : entry === ENTRY_DIRECTORY ? "directory" : entry === ENTRY_OTHER ? "other" : "missing";
  }

  /** Whether `dir` exists and no directory from it up to `/` is a symlink: paths below it are real paths. */
  isRealDirectory(dir: string): boolean {
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    let real = this.realDirectories.get(dir);
    if (real === undefined) this.realDirectories.set(dir, (real = this.entry(dir) === ENTRY_DIRECTORY && this.isRealDirectory(parent)));
    return real;
  }

  private scopeOf(dir: string): { description: string; modules: string } {
    let scope = this.scopes.get(dir);
    if (scope === undefined) {
      const parent = path.dirname(dir);
      const above = parent === dir ? { description: "", modules: "" } : this.scopeOf(parent);
      const own = this.entry(path.join(dir, "package.json"));
      // A directory named package.json reads as missing (EISDIR has a code); anything else may be this one.
      const description = own === undefined || own === ENTRY_DIRECTORY ? above.description : path.join(dir, "package.json");
      const modules = this.entry(path.join(dir, "node_modules")) === undefined ? above.modules : `${dir}|${above.modules}`;
      this.scopes.set(dir, (scope = { description, modules }));
    }
    return scope;
  }

  /** The entry kind of `file` from its directory's listing: undefined when it does not exist. */
  private entry(file: string): number | undefined {
    const dir = path.dirname(file);
    if (!this.listed || dir === file) return ENTRY_OTHER; // the root directory has no listing above it
    let listing = this.listings.get(dir);
    if (listing === undefined) this.listings.set(dir, (listing = this.list(dir)));
    return listing === ENTRY_OTHER ? ENTRY_OTHER : listing?.get(path.basename(file));
  }

  /** A directory's entries; a directory its parent does not list is not read at all. */
  private list(dir: string): Listing {
    const parent = path.dirname(dir);
    if (parent !== dir && this.entry(dir) === undefined) return null;
    if (this.view) return viewListing(this.view, dir);
    let entries: Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing, or a file: nothing below it exists. Unreadable (EACCES...): its files may still be.
      return code === "ENOENT" || code === "ENOTDIR" ? null : ENTRY_OTHER;
    }
    const listing = new Map<string, number>();
    for (const e of entries) listing.set(e.name, e.isFile() ? ENTRY_FILE : e.isDirectory() ? ENTRY_DIRECTORY : ENTRY_OTHER);
    return listing;
  }
}

function throwCode(code: string): never {
  throw sharedError(code);
}

const KIND_ENTRY: Record<EntryKind, number> = { file: ENTRY_FILE, directory: ENTRY_DIRECTORY, link: ENTRY_OTHER };

/** A directory's entries in a tree not on disk; links answer as "other", as on disk. */
function viewListing(view: TreeView, dir: string): Listing {
  const entries = view.entriesOf(dir);
  if (!entries) return null;
  const listing = new Map<string, number>();
  for (const [name, kind] of entries) listing.set(name, KIND_ENTRY[kind]);
  return listing;
}

/** stat of a link in a tree not on disk: what its target (inside the tree) is. */
function viewStat(view: TreeView, file: string): fs.Stats {
  const real = view.realpath(file);
  const kind = real === null ? undefined : view.kindOf(real);
  if (kind === "file") return FILE_STATS;
  if (kind === "directory") return DIRECTORY_STATS;
  return throwCode("ENOENT");
}

function viewReadlink(view: TreeView, file: string): string {
  return view.readlink(file) ?? throwCode("EINVAL");
}
