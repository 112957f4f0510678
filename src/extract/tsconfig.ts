// Groups a snapshot's files by the tsconfig that governs their import resolution, so a
// monorepo whose packages each declare their own `paths` resolves every file with its own.
import path from "node:path";
import ts from "typescript";
import { readTreeFileSync, SUPPORT_FILE_MAX_BYTES, TreeFileRefusedError } from "./tree-file.js";

export interface TsConfigGroup {
  /** Absolute tsconfig path, or null for files no tsconfig governs. */
  tsconfigFile: string | null;
  parsed: ts.ParsedCommandLine | null;
  /** Repo-relative source files of the group. */
  files: string[];
}

/**
 * A parse host reading only regular files of the tree at `root` (an `extends` out of it, through a
 * link or a path, reads as missing and marks the parse `refused`). Never lists directories: the
 * file list comes from the snapshot walk, and enumerating `include` costs a scan per tsconfig.
 */
function treeParseHost(root: string): { host: ts.ParseConfigHost; refused: () => boolean } {
  let refused = false;
  const readFile = (file: string): string | undefined => {
    const rel = path.relative(root, path.resolve(file));
    if (rel.startsWith("..") || path.isAbsolute(rel)) {
      refused = true;
      return undefined;
    }
    try {
      return readTreeFileSync(root, rel, { maxBytes: SUPPORT_FILE_MAX_BYTES })?.toString("utf8");
    } catch (error) {
      if (!(error instanceof TreeFileRefusedError)) throw error;
      refused = true;
      return undefined;
    }
  };
  const host: ts.ParseConfigHost = { useCaseSensitiveFileNames: true, readDirectory: () => [], fileExists: (f) => ts.sys.fileExists(f), readFile };
  return { host, refused: () => refused };
}

/**
 * Parses a tsconfig leniently: errors (missing `extends` packages, no inputs) keep what could be read.
 * Null when it cannot be read, or when it (or a file it extends) lies outside `root` (default: its
 * directory) or is a link out of it, a device or too large: then no tool reads it either.
 */
export function parseTsConfig(file: string, root: string = path.dirname(file)): ts.ParsedCommandLine | null {
  const { host, refused } = treeParseHost(path.resolve(root));
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

/**
 * Groups `sourceFiles` by the resolution settings (baseUrl, paths) of their nearest tsconfig.json;
 * files whose tsconfigs resolve alike share a group (and one dependency-cruiser run).
 */
export function groupByTsConfig(root: string, allFiles: string[], sourceFiles: string[]): TsConfigGroup[] {
  const configDirs = new Set(
    allFiles.filter((f) => f === "tsconfig.json" || f.endsWith("/tsconfig.json")).map((f) => (f === "tsconfig.json" ? "" : path.posix.dirname(f))),
  );
  const parsedByDir = new Map<string, ts.ParsedCommandLine | null>();
  const groups = new Map<string, TsConfigGroup>();
  for (const file of sourceFiles) {
    const dir = nearestTsconfigDir(file, configDirs);
    let parsed: ts.ParsedCommandLine | null = null;
    if (dir !== null) {
      if (!parsedByDir.has(dir)) parsedByDir.set(dir, parseTsConfig(path.join(root, dir, "tsconfig.json"), root));
      parsed = parsedByDir.get(dir) ?? null;
    }
    const key = resolutionKey(parsed);
    let group = groups.get(key);
    if (!group) {
      // Only baseUrl/paths change resolution: without them no tsconfig is passed (its plugin costs per resolve).
      const governs = key !== "none" && dir !== null;
      group = { tsconfigFile: governs ? path.join(root, dir, "tsconfig.json") : null, parsed: governs ? parsed : null, files: [] };
      groups.set(key, group);
    }
    group.files.push(file);
  }
  return [...groups.values()];
}
