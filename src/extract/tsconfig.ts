// Groups a snapshot's files by the tsconfig that governs their import resolution, so a
// monorepo whose packages each declare their own `paths` resolves every file with its own.
import fs from "node:fs";
import path from "node:path";
import ts from "./typescript-api.js";
import { checkExtendsChain } from "./tsconfig-extends.js";

export { TsConfigExtendsError } from "./tsconfig-extends.js";
import { readTreeFileSync, SUPPORT_FILE_MAX_BYTES, TreeFileRefusedError } from "./tree-file.js";
import type { TreeView } from "./tree-source.js";

export interface TsConfigGroup {
  /** Absolute tsconfig path, or null for files no tsconfig governs. */
  tsconfigFile: string | null;
  parsed: ts.ParsedCommandLine | null;
  /** Repo-relative source files of the group. */
  files: string[];
}

/**
 * A parse host reading only regular files of the tree at `root`: a file it would read (an `extends`)
 * that lies outside the tree, links out of it or is a device reads as missing and marks the parse
 * `refused`. Never lists directories: the file list comes from the snapshot walk, and enumerating
 * `include` costs a scan per tsconfig.
 */
function treeParseHost(root: string, view: TreeView | null): { host: ts.ParseConfigHost; refused: () => boolean } {
  let refused = false;
  const inTree = (file: string): string | null => {
    const rel = path.relative(root, path.resolve(file));
    return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? null : rel;
  };
  const readFile = (file: string): string | undefined => {
    const rel = inTree(file);
    try {
      if (rel !== null) return (view ? view.readSync(file, SUPPORT_FILE_MAX_BYTES) : readTreeFileSync(root, rel, { maxBytes: SUPPORT_FILE_MAX_BYTES }))?.toString("utf8");
    } catch (error) {
      if (!(error instanceof TreeFileRefusedError)) throw error;
    }
    refused = true;
    return undefined;
  };
  // Anything found outside the tree, or that is not a regular file, is a refusal: tsconfig-paths
  // (which reads the `extends` chain itself, unchecked) would read what exists there, even /dev/zero.
  const fileExists = (file: string): boolean => {
    if (view) return viewFileExists(view, file, inTree(file) !== null, () => (refused = true));
    if (!fs.existsSync(file)) return false;
    if (inTree(file) !== null && ts.sys.fileExists(file)) return true;
    refused = true;
    return false;
  };
  const host: ts.ParseConfigHost = { useCaseSensitiveFileNames: true, readDirectory: () => [], fileExists, readFile };
  return { host, refused: () => refused };
}

/**
 * Parses a tsconfig leniently: errors (missing `extends` packages, no inputs) keep what could be read.
 * Null when it cannot be read, or when it (or a file it extends) lies outside `root` (default: its
 * directory) or is a link out of it, a device or too large: then no tool reads it either.
 */
export function parseTsConfig(file: string, root: string = path.dirname(file), view: TreeView | null = null): ts.ParsedCommandLine | null {
  const { host, refused } = treeParseHost(path.resolve(root), view);
  const read = ts.readConfigFile(file, host.readFile);
  if (read.error || read.config === null || typeof read.config !== "object") return null;
  const parsed = ts.parseJsonConfigFileContent(read.config, host, path.dirname(file), {}, file);
  return refused() ? null : parsed;
}

function resolutionKey(parsed: ts.ParsedCommandLine | null): string {
  if (!parsed) return "none";
  const o = parsed.options;
  if (!o.baseUrl && !o.paths) return "none";
  return JSON.stringify([o.baseUrl ?? null, o.paths ?? null, o.pathsBasePath ?? null]);
}

function nearestTsconfigDir(file: string, dirs: Set<string>): string | null {
  let dir = path.posix.dirname(file);
  for (;;) {
    if (dirs.has(dir)) return dir;
    if (dir === "." || dir === "") return dirs.has("") ? "" : null;
    dir = path.posix.dirname(dir);
  }
}

/** Each tsconfig directory's parse, read once and only when asked (checked for `extends` loops first). */
function tsconfigParses(root: string, view: TreeView | null): (dir: string) => ts.ParsedCommandLine | null {
  const parsedByDir = new Map<string, ts.ParsedCommandLine | null>();
  return (dir) => {
    if (!parsedByDir.has(dir)) {
      const file = path.join(root, dir, "tsconfig.json");
      // Before anything follows its `extends`: a loop must be an error naming the files, not a stack overflow.
      checkExtendsChain(root, file, view);
      parsedByDir.set(dir, parseTsConfig(file, root, view));
    }
    return parsedByDir.get(dir) ?? null;
  };
}

function tsconfigDirs(allFiles: string[]): Set<string> {
  return new Set(allFiles.filter((f) => f === "tsconfig.json" || f.endsWith("/tsconfig.json")).map((f) => (f === "tsconfig.json" ? "" : path.posix.dirname(f))));
}

/**
 * Groups `sourceFiles` by the resolution settings (baseUrl, paths) of their nearest tsconfig.json;
 * files whose tsconfigs resolve alike share a group (and one dependency-cruiser run), under the
 * tsconfig of the group's first file.
 * `only`: group just these files (a derive resolving a few), each group still under the tsconfig a
 * grouping of every file would give it; tsconfigs no wanted file needs are then not parsed.
 * Throws TsConfigExtendsError for a tsconfig whose `extends` chain loops or runs too deep.
 */
export function groupByTsConfig(root: string, allFiles: string[], sourceFiles: string[], view: TreeView | null = null, only: ReadonlySet<string> | null = null): TsConfigGroup[] {
  const configDirs = tsconfigDirs(allFiles);
  const parsedAt = tsconfigParses(root, view);
  const settingsOf = (file: string) => {
    const dir = nearestTsconfigDir(file, configDirs);
    return { dir, key: resolutionKey(dir === null ? null : parsedAt(dir)) };
  };
  const wanted = only === null ? sourceFiles : sourceFiles.filter((f) => only.has(f));
  const representatives = only === null ? null : firstDirByKey(sourceFiles, wanted.map(settingsOf), configDirs, parsedAt);
  const groups = new Map<string, TsConfigGroup>();
  for (const file of wanted) {
    const { dir, key } = settingsOf(file);
    let group = groups.get(key);
    if (!group) {
      // Only baseUrl/paths change resolution: without them no tsconfig is passed (its plugin costs per resolve).
      const governing = representatives?.get(key) ?? dir;
      const governs = key !== "none" && governing !== null;
      group = { tsconfigFile: governs ? path.join(root, governing, "tsconfig.json") : null, parsed: governs ? parsedAt(governing) : null, files: [] };
      groups.set(key, group);
    }
    group.files.push(file);
  }
  return [...groups.values()];
}

/** For each resolution key of `needed` (other than none), the tsconfig directory of the first source file having it. */
function firstDirByKey(
  sourceFiles: string[],
  needed: { key: string }[],
  configDirs: Set<string>,
  parsedAt: (dir: string) => ts.ParsedCommandLine | null,
): Map<string, string> {
  const missing = new Set(needed.map((n) => n.key).filter((k) => k !== "none"));
  const found = new Map<string, string>();
  const seen = new Set<string>();
  for (const file of sourceFiles) {
    if (missing.size === 0) break;
    const dir = nearestTsconfigDir(file, configDirs);
    if (dir === null || seen.has(dir)) continue;
    seen.add(dir);
    const key = resolutionKey(parsedAt(dir));
    if (missing.delete(key)) found.set(key, dir);
  }
  return found;
}

/**
 * Each file's nearest tsconfig.json compiler options (undefined without one), as dependency-cruiser's
 * transpiler reads them: unlike groupByTsConfig, also where they hold no baseUrl or paths.
 */
export function compilerOptionsByFile(root: string, allFiles: string[], files: string[], view: TreeView | null = null): Map<string, ts.CompilerOptions | undefined> {
  const configDirs = tsconfigDirs(allFiles);
  const byDir = new Map<string, ts.CompilerOptions | undefined>();
  const byFile = new Map<string, ts.CompilerOptions | undefined>();
  for (const file of files) {
    const dir = nearestTsconfigDir(file, configDirs);
    if (dir === null) continue;
    if (!byDir.has(dir)) {
      const config = path.join(root, dir, "tsconfig.json");
      checkExtendsChain(root, config, view);
      byDir.set(dir, parseTsConfig(config, root, view)?.options);
    }
    byFile.set(file, byDir.get(dir));
  }
  return byFile;
}

/** fileExists of a tree not on disk: as on disk, an existing file outside the tree (or not a regular one) marks the parse refused. */
function viewFileExists(view: TreeView, file: string, inTree: boolean, markRefused: () => void): boolean {
  const real = view.realpath(file);
  const kind = real === null ? view.kindOf(file) : view.kindOf(real);
  if (kind === undefined) return false;
  if (inTree && kind === "file") return true;
  markRefused();
  return false;
}
