// Groups a snapshot's files by the tsconfig that governs their import resolution, so a
// monorepo whose packages each declare their own `paths` resolves every file with its own.
import path from "node:path";
import ts from "typescript";
import { checkExtendsChain } from "./tsconfig-extends.js";

export { TsConfigExtendsError } from "./tsconfig-extends.js";

export interface TsConfigGroup {
  /** Absolute tsconfig path, or null for files no tsconfig governs. */
  tsconfigFile: string | null;
  parsed: ts.ParsedCommandLine | null;
  /** Repo-relative source files of the group. */
  files: string[];
}

// Never list directories while parsing: the file list comes from the snapshot walk, and
// enumerating `include` costs a directory scan per tsconfig.
const PARSE_HOST: ts.ParseConfigHost = {
  useCaseSensitiveFileNames: true,
  readDirectory: () => [],
  fileExists: (f) => ts.sys.fileExists(f),
  readFile: (f) => ts.sys.readFile(f),
};

/** Parses a tsconfig leniently: errors (missing `extends` packages, no inputs) keep what could be read. */
export function parseTsConfig(file: string): ts.ParsedCommandLine | null {
  const read = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  if (read.error || read.config === null || typeof read.config !== "object") return null;
  return ts.parseJsonConfigFileContent(read.config, PARSE_HOST, path.dirname(file), {}, file);
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
 * Throws TsConfigExtendsError for a tsconfig whose `extends` chain loops or runs too deep.
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
      if (!parsedByDir.has(dir)) {
        const file = path.join(root, dir, "tsconfig.json");
        // Before anything follows its `extends`: a loop must be an error naming the files, not a stack overflow.
        checkExtendsChain(root, file);
        parsedByDir.set(dir, parseTsConfig(file));
      }
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
