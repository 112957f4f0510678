// The one way the engine reads a reviewed tree: a directory on disk (a checkout, the App's unpacked
// tarball) or git objects (the CLI: nothing is written to disk). Readers that must answer
// synchronously (enhanced-resolve, TypeScript's tsconfig host) use the tree's `view`; a directory
// has none and is read through node:fs as before.
import { readFile } from "node:fs";
import path from "node:path";
import { listFiles } from "./files.js";
import { readTreeFile, type TreeFileRefusal } from "./tree-file.js";

export type EntryKind = "file" | "directory" | "link";

/** Synchronous answers about a tree that is not on disk. Paths are absolute, below `root`. */
export interface TreeView {
  readonly root: string;
  /** What is at `file` (links not followed); undefined when nothing is. The root's ancestors are directories. */
  kindOf(file: string): EntryKind | undefined;
  /** The entries of a directory; null when `dir` is none. */
  entriesOf(dir: string): Map<string, EntryKind> | null;
  /** A regular file's bytes (links inside the tree followed); null when missing; TreeFileRefusedError when refused. */
  readSync(file: string, maxBytes: number): Buffer | null;
  /** A link's text; null when `file` is no link. */
  readlink(file: string): string | null;
  /** `file` with every link on its path followed; null when a link is broken or leaves the tree. */
  realpath(file: string): string | null;
}

export interface ListedTree {
  /** Every regular file (repo-relative POSIX), sorted, without skipped directories. */
  allFiles: string[];
  /** Those of `allFiles` with a source extension (files.ts isSourceFile), when the tree has them at hand (a git tree does). */
  sourceFiles?: string[];
  /** Directories the listing leaves out (node_modules...): module resolution may still look there. */
  skippedDirs: string[];
  /** Entries no reader reads: links out of the tree, devices... */
  refused: TreeFileRefusal[];
}

export interface TreeSource {
  /** The absolute path the resolver sees as the tree's root (for git objects, a name no file system has). */
  readonly root: string;
  /** null: a directory on disk, read through node:fs. */
  readonly view: TreeView | null;
  list(): Promise<ListedTree>;
  /** A file's bytes; null when missing; TreeFileRefusedError when it may not be read. */
  read(file: string, maxBytes: number): Promise<Buffer | null>;
  /** Source texts, handed over as they arrive (a stream for git objects; never written to disk). */
  readEach(files: string[], use: (file: string, text: string) => void): Promise<void>;
}

/** Files read at once: enough to keep the disk busy, few enough to stay clear of EMFILE. */
const READ_CONCURRENCY = 64;

// The callback readFile: fs/promises' FileHandle path costs several times its CPU on small files.
const readText = (file: string): Promise<string> =>
  new Promise((resolve, reject) => readFile(file, "utf8", (err, text) => (err ? reject(err) : resolve(text))));

/** A tree on disk at `dir`. */
export function directoryTree(dir: string): TreeSource {
  const root = path.resolve(dir);
  return {
    root,
    view: null,
    async list() {
      const skippedDirs: string[] = [];
      const refused: TreeFileRefusal[] = [];
      const allFiles = await listFiles(root, skippedDirs, refused);
      return { allFiles, skippedDirs, refused };
    },
    read: (file, maxBytes) => readTreeFile(root, file, { maxBytes }),
    async readEach(files, use) {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < files.length) {
          const file = files[next++] as string;
          use(file, await readText(path.join(root, file)));
        }
      };
      await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
    },
  };
}

/** A tree given as a directory path (the extractors' older callers) or as a source. */
export function treeSourceOf(tree: string | TreeSource): TreeSource {
  return typeof tree === "string" ? directoryTree(tree) : tree;
}
