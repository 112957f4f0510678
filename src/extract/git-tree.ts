// A reviewed tree read from git objects: its listing from `ls-tree`, its files from the review's
// `cat-file --batch` stream, never a file on disk. The resolver sees it at `root`, a path no file
// system has. A symbolic link (mode 120000) is followed only to another entry of the same tree, as
// a checkout would be; a link out of the tree or a broken one is refused as tree-file.ts refuses it.
import path from "node:path";
import { isSkippedDirName, mayListSkippedDir } from "./files.js";
import { GitObjectsError, listGitTree, listingArgs, parseListingPair, type BlobStream, type GitEntry, type GitProcesses, type ListingPair } from "./git-objects.js";
import { entriesUnder, isSupportFile, kindOfMode, LINK_MODE, linkTargetIn, listDerived, listEntries, lowerBound, REGULAR_MODES, topSkippedDir, type ListedEntries } from "./git-tree-listing.js";
import { HeldBlobs } from "./held-blobs.js";
import { safeExcerpt, TreeFileRefusedError, type RefusalReason, type TreeFileRefusal } from "./tree-file.js";
import type { EntryKind, ListedTree, TreeSource, TreeView } from "./tree-source.js";

/** Linux follows at most 40 links in one path; a tree needs far fewer. */
const MAX_LINK_HOPS = 8;

export { linkTargetIn };

export interface GitTreeOptions {
  repo: string;
  sha: string;
  /** Where the resolver sees the tree: an absolute path that is not on disk. */
  root: string;
  blobs: BlobStream;
  processes: GitProcesses;
  /** `git ls-tree` of `sha` already run by the caller (git-objects.ts listingArgs): not run again. */
  listing?: Uint8Array | undefined;
}

/** The other side of a review this tree's entries were taken from, and where they differ. */
interface SharedWith {
  base: GitTree;
  delta: ListingPair["delta"];
}

function refuse(file: string, reason: RefusalReason): never {
  throw new TreeFileRefusedError({ path: file, reason });
}

class GitTree implements TreeSource, TreeView {
  readonly view = this;
  private readonly texts: Map<string, Buffer>;
  private readonly skippedDirs = new Map<string, boolean>();
  /** Each directory's entries, read off the sorted paths when first asked for: a warm review asks for a few. */
  private readonly dirListings = new Map<string, Map<string, EntryKind> | null>();
  /** Every entry's path, sorted: a directory's entries and a missing path are found by binary search, with no index of every directory. */
  private sortedPaths: string[] | null = null;
  private listedEntries: ListedEntries | null = null;
  private supportEntries: [string, GitEntry][] | null = null;

  constructor(
    private readonly options: GitTreeOptions,
    private readonly entries: Map<string, GitEntry>,
    private readonly held: HeldBlobs,
    private readonly shared: SharedWith | null = null,
    /** False when the listing names no skipped directory: no path needs the per-directory test. */
    private readonly maySkip = true,
  ) {
    this.texts = held.texts;
  }

  /** Sorting git's order (the bytes of each path) into the code-unit order lowerBound searches is nearly free. */
  private sorted(): string[] {
    this.sortedPaths ??= [...this.entries.keys()].sort();
    return this.sortedPaths;
  }

  /** Whether `rel` is a directory of the tree (`rel` has no entry of its own): the root, or an entry's path starts with `rel/`. */
  private isDirectory(rel: string): boolean {
    if (rel === "") return true;
    const sorted = this.sorted();
    const inside = `${rel}/`;
    return sorted[lowerBound(sorted, inside)]?.startsWith(inside) ?? false;
  }

  /** The names in the directory `rel` and what each is, null when `rel` is no directory (a submodule's is empty). */
  private dirEntries(rel: string): Map<string, EntryKind> | null {
    const known = this.dirListings.get(rel);
    if (known !== undefined) return known;
    const own = this.entries.get(rel);
    const submodule = own !== undefined && kindOfMode(own.mode) === "directory";
    let listing: Map<string, EntryKind> | null = null;
    if (submodule || (own === undefined && this.isDirectory(rel))) {
      listing = entriesUnder(this.sorted(), rel === "" ? "" : `${rel}/`, (file) => kindOfMode((this.entries.get(file) as GitEntry).mode));
    }
    this.dirListings.set(rel, listing);
    return listing;
  }

  get root(): string {
    return this.options.root;
  }

  /** Whether `file` lies in a skipped directory (node_modules...), decided once per directory: a tree has far fewer of them than files. */
  private inSkippedDir(file: string): boolean {
    if (!this.maySkip) return false;
    const slash = file.lastIndexOf("/");
    return slash >= 0 && this.dirSkipped(file.slice(0, slash));
  }

  private dirSkipped(dir: string): boolean {
    let skipped = this.skippedDirs.get(dir);
    if (skipped === undefined) {
      const slash = dir.lastIndexOf("/");
      skipped = (slash >= 0 && this.dirSkipped(dir.slice(0, slash))) || isSkippedDirName(dir.slice(slash + 1));
      this.skippedDirs.set(dir, skipped);
    }
    return skipped;
  }

  /** Support files (package.json, tsconfig...) read up front: the resolver asks for them synchronously. */
  async prefetch(): Promise<void> {
    await this.held.hold(this.supportFiles().map(([, e]) => e.object));
  }

  /** The entries prefetch reads: from the other side's and the few entries this tree differs in, when it shares them. */
  private supportFiles(): [string, GitEntry][] {
    if (this.supportEntries) return this.supportEntries;
    const wanted = (file: string, entry: GitEntry): boolean => isSupportFile(file, entry) && !this.inSkippedDir(file);
    const shared = this.shared;
    const found: [string, GitEntry][] = shared ? shared.base.supportFiles().filter(([f]) => !shared.delta.removed.has(f)) : [];
    // forEach, not for-of: no [file, entry] pair allocated per entry of a whole tree (git-tree-listing.ts listEntries).
    (shared ? shared.delta.added : this.entries).forEach((entry, file) => {
      if (wanted(file, entry)) found.push([file, entry]);
    });
    this.supportEntries = found;
    return found;
  }

  private listing(): ListedEntries {
    if (this.listedEntries) return this.listedEntries;
    const skip = { inSkippedDir: (file: string) => this.inSkippedDir(file), topSkippedDir };
    const derived = this.shared ? listDerived(this.shared.base.listing(), this.shared.delta) : null;
    this.listedEntries = derived ?? listEntries(this.entries, skip);
    return this.listedEntries;
  }

  async list(): Promise<ListedTree> {
    const { allFiles, sourceFiles, skippedDirs, links } = this.listing();
    const refused = links.map((file) => this.linkRefusal(file)).filter((r): r is TreeFileRefusal => r !== null);
    // Copies: the listing is shared with the other side's.
    return { allFiles: allFiles.slice(), sourceFiles: sourceFiles.slice(), skippedDirs: skippedDirs.slice(), refused: refused.sort((a, b) => (a.path < b.path ? -1 : 1)) };
  }

  private linkRefusal(file: string): TreeFileRefusal | null {
    const real = this.realRelative(file);
    if (real === "outside") return { path: file, reason: "link-outside" };
    if (real === "broken" || (!this.entries.has(real) && !this.isDirectory(real))) return { path: file, reason: "link-broken" };
    return null;
  }

  /** `rel` with every link on its path followed inside the tree. */
  private realRelative(rel: string, hops = 0): string | "outside" | "broken" {
    const segments = rel.split("/");
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join("/");
      const entry = this.entries.get(prefix);
      if (entry?.mode !== LINK_MODE) continue;
      if (hops >= MAX_LINK_HOPS) return "broken";
      const target = linkTargetIn(prefix, this.blobSync(entry).toString("utf8"));
      if (target === null) return "outside";
      return this.realRelative([target, ...segments.slice(i)].join("/"), hops + 1);
    }
    return rel;
  }

  private blobSync(entry: GitEntry): Buffer {
    let bytes = this.texts.get(entry.object);
    if (!bytes) this.texts.set(entry.object, (bytes = this.options.processes.runSync(["cat-file", "blob", entry.object], this.options.repo)));
    return bytes;
  }

  /** The regular file's entry at `file` (links followed), null when missing; refusals thrown. */
  private locate(file: string, maxBytes: number): GitEntry | null {
    const real = this.realRelative(file);
    if (real === "outside") refuse(file, "link-outside");
    if (real === "broken") refuse(file, "link-broken");
    const entry = this.entries.get(real);
    if (!entry) {
      if (this.isDirectory(real)) refuse(file, "not-regular");
      return real === file ? null : refuse(file, "link-broken");
    }
    if (!REGULAR_MODES.has(entry.mode)) refuse(file, "not-regular");
    if (entry.size > maxBytes) refuse(file, "too-large");
    return entry;
  }

  private relative(file: string): string | null {
    const rel = path.relative(this.root, path.resolve(file));
    return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? null : rel.split(path.sep).join("/");
  }

  async read(file: string, maxBytes: number): Promise<Buffer | null> {
    const entry = this.locate(file, maxBytes);
    if (!entry) return null;
    return this.texts.get(entry.object) ?? (await this.options.blobs.read(entry.object));
  }

  async readEach(files: string[], use: (file: string, text: string) => void): Promise<void> {
    await Promise.all(
      files.map(async (file) => {
        const entry = this.entries.get(file);
        const bytes = entry ? await this.options.blobs.read(entry.object) : null;
        // Sources come from the listing: a missing blob is a damaged or partial clone, not the change's doing.
        if (bytes === null) throw new GitObjectsError(`git object of ${safeExcerpt(file, 200)} is missing`);
        use(file, bytes.toString("utf8"));
      }),
    );
  }

  kindOf(file: string): EntryKind | undefined {
    const rel = this.relative(file);
    if (rel === null) return path.resolve(file) === this.root || this.isAncestor(file) ? "directory" : undefined;
    const at = this.throughParentLinks(rel);
    if (at === null) return undefined;
    const entry = this.entries.get(at);
    return entry ? kindOfMode(entry.mode) : this.isDirectory(at) ? "directory" : undefined;
  }

  /** `rel` with links among its directories followed (the entry itself is not): as a path lookup on disk sees it. */
  private throughParentLinks(rel: string): string | null {
    const parent = path.posix.dirname(rel);
    if (parent === ".") return rel;
    const real = this.realRelative(parent);
    return real === "outside" || real === "broken" ? null : `${real}/${path.posix.basename(rel)}`;
  }

  private isAncestor(file: string): boolean {
    const dir = path.resolve(file);
    return this.root.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
  }

  entriesOf(dir: string): Map<string, EntryKind> | null {
    const full = path.resolve(dir);
    if (full === this.root) return this.dirEntries("");
    const rel = this.relative(full);
    if (rel !== null) {
      const real = this.realRelative(rel);
      return real === "outside" || real === "broken" ? null : this.dirEntries(real);
    }
    if (!this.isAncestor(full)) return null;
    const next = path.relative(full, this.root).split(path.sep)[0] as string;
    return new Map([[next, "directory"]]);
  }

  readSync(file: string, maxBytes: number): Buffer | null {
    const rel = this.relative(file);
    if (rel === null) return null;
    const entry = this.locate(rel, maxBytes);
    return entry ? this.blobSync(entry) : null;
  }

  readlink(file: string): string | null {
    const rel = this.relative(file);
    const entry = rel === null ? undefined : this.entries.get(rel);
    return entry?.mode === LINK_MODE ? this.blobSync(entry).toString("utf8") : null;
  }

  realpath(file: string): string | null {
    const full = path.resolve(file);
    const rel = this.relative(full);
    if (rel === null) return this.kindOf(full) ? full : null;
    const real = this.realRelative(rel);
    if (real === "outside" || real === "broken" || (!this.entries.has(real) && !this.isDirectory(real))) return null;
    return path.join(this.root, real);
  }
}

/** The tree `sha` of `repo`, listed (or its listing parsed), its support files read. */
export async function gitTree(options: GitTreeOptions, held = new HeldBlobs(options.blobs)): Promise<TreeSource> {
  const tree = new GitTree(options, await listGitTree(options.repo, options.sha, options.processes, options.listing), held);
  await tree.prefetch();
  return tree;
}

/**
 * Both trees of a review from one repository: one listing parse for what they share (the head's
 * entries, listing and support files are the base's but for the entries the change touches), one
 * copy of each support file's bytes.
 */
export async function gitTreePair(base: GitTreeOptions, head: GitTreeOptions): Promise<{ base: TreeSource; head: TreeSource }> {
  const listingOf = (o: GitTreeOptions): Promise<Uint8Array> => (o.listing ? Promise.resolve(o.listing) : o.processes.run(listingArgs(o.sha), o.repo));
  const [baseListing, headListing] = await Promise.all([listingOf(base), listingOf(head)]);
  const pair = parseListingPair(baseListing, headListing);
  const held = new HeldBlobs(base.blobs);
  const baseTree = new GitTree(base, pair.base, held, null, mayListSkippedDir(baseListing));
  const headTree = new GitTree(head, pair.head, held, { base: baseTree, delta: pair.delta }, mayListSkippedDir(headListing));
  await Promise.all([baseTree.prefetch(), headTree.prefetch()]);
  return { base: baseTree, head: headTree };
}
