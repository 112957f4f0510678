// What a review needs of a tree it does not download again (the App's changed-files reviews): every
// file's path, and the text of the few files read besides the changed sources: the configuration,
// `.adr-dir`, and everything module resolution reads (package.json, pnpm-workspace.yaml, tsconfig).
// Cached per commit whatever the config: the graph's cache key needs the config, which is in here.
import path from "node:path";
import { CONFIG_PATHS, DEPCRUISE_CODE_CONFIG_PATHS, DEPCRUISE_JSON_PATHS } from "../config/defaults.js";
import { changesResolution } from "../extract/resolution-files.js";
import { readTreeText } from "../extract/tree-file.js";
import type { GraphCache, GraphCacheKey } from "./graph-cache.js";

export interface TreeManifest {
  /** Every file of the tree (repo-relative POSIX), sorted, as listed from the whole tree. */
  files: string[];
  /** Path -> text of the tree's support files (isSupportFile). */
  support: Record<string, string>;
  /** Why this tree cannot be reviewed from its manifest (module resolution reads more than it holds); null when it can. */
  unusable: string | null;
}

/** Not a config hash (those are 16 hex digits): manifests do not depend on the config. */
const MANIFEST = "tree-manifest";

export function manifestKey(repository: string, sha: string): GraphCacheKey {
  return { repository, sha, configHash: MANIFEST };
}

const ENGINE_FILES = new Set([...CONFIG_PATHS, ...DEPCRUISE_JSON_PATHS, ...DEPCRUISE_CODE_CONFIG_PATHS, ".adr-dir"]);

/** A file a review reads whatever the change: configuration, `.adr-dir`, what module resolution reads. */
export function isSupportFile(file: string): boolean {
  return ENGINE_FILES.has(file) || changesResolution(file);
}

export interface WholeTree {
  root: string;
  /** Reads a support file (refusals reject); default: regular files below `root` on disk. */
  read?: (file: string) => Promise<string | null>;
  allFiles: string[];
  /** Directories on disk the listing leaves out. */
  skippedDirs: string[];
}

/** The manifest of a tree on disk whose support files are all there (the whole tree, or a listed one). */
export async function readManifest(tree: WholeTree): Promise<TreeManifest> {
  const unusable = (reason: string): TreeManifest => ({ files: [], support: {}, unusable: reason });
  // enhanced-resolve looks into node_modules, which listings leave out.
  if (tree.skippedDirs.some((d) => path.posix.basename(d) === "node_modules")) return unusable("the tree has a node_modules directory");
  const support: Record<string, string> = {};
  for (const file of tree.allFiles.filter(isSupportFile)) {
    // Regular files inside the tree only: a link out of it or a device makes the manifest unusable.
    const text = await (tree.read ? tree.read(file) : readTreeText(tree.root, file)).catch(() => null);
    if (text === null) return unusable(`${file} could not be read`);
    support[file] = text;
  }
  // TypeScript's lenient JSONC reader, loaded only when a manifest is built (the shells import this module).
  const { default: ts } = await import("../extract/typescript-api.js");
  const outside = extendsOutside(ts, support, new Set(tree.allFiles));
  if (outside) return unusable(`${outside} extends a file that is not a support file`);
  return { files: [...tree.allFiles].sort(), support, unusable: null };
}

/** A tsconfig whose `extends` names another file of the tree that the manifest would not hold, if any. */
function extendsOutside(ts: typeof import("../extract/typescript-api.js").default, support: Record<string, string>, files: Set<string>): string | null {
  for (const [file, text] of Object.entries(support)) {
    if (!/^[tj]sconfig.*\.json$/.test(path.posix.basename(file))) continue;
    const raw: unknown = ts.parseConfigFileTextToJson(file, text).config?.extends;
    const targets = (Array.isArray(raw) ? raw : [raw]).filter((t): t is string => typeof t === "string");
    for (const target of targets) {
      // Only relative targets can name a file of the tree; packages would be in node_modules.
      if (!target.startsWith("./") && !target.startsWith("../")) continue;
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      // TypeScript tries the name as written, then with `.json` added.
      const named = [resolved, `${resolved}.json`].filter((c) => files.has(c));
      if (named.some((c) => !(c in support))) return file;
    }
  }
  return null;
}

export interface ManifestSide extends WholeTree {
  sha: string;
}

/** Stores the manifest of each side the cache does not hold yet. */
export async function storeManifests(store: GraphCache, repository: string, sides: ManifestSide[]): Promise<void> {
  for (const side of sides) {
    const key = manifestKey(repository, side.sha);
    if (await store.has(key)) continue;
    await store.set(key, await readManifest(side));
  }
}
