// A tsconfig's `extends` chain, walked with a visited set and a depth cap before anything else
// follows it: tsconfig-paths (inside dependency-cruiser and our resolver) recurses without either,
// so a tsconfig extending itself, or a -> b -> a, ended in "Maximum call stack size exceeded".
import { existsSync } from "node:fs";
import path from "node:path";
import ts from "./typescript-api.js";
import { MAX_EXTENDS_DEPTH, TsConfigExtendsError } from "./tsconfig-extends-error.js";
import { readTreeFileSync } from "./tree-file.js";
import type { TreeView } from "./tree-source.js";

export { describeExtendsProblem, MAX_EXTENDS_DEPTH, TsConfigExtendsError, type ExtendsProblem } from "./tsconfig-extends-error.js";

/** tsconfig files are small: a larger one is not read for its `extends` (tsconfig-paths still may). */
const MAX_TSCONFIG_BYTES = 1024 * 1024;

/** The parent tsconfig tsconfig-paths would load for `value` (its rules, quirks included: no .json, node_modules). */
export function extendedPath(configFile: string, value: string, exists: (file: string) => boolean): string {
  const name = value.includes(".json") ? value : `${value}.json`;
  const dir = path.dirname(configFile);
  const beside = path.join(dir, name);
  if (name.includes("/") && name.includes(".") && !exists(beside)) return path.join(dir, "node_modules", name);
  return beside;
}

/** A tsconfig's text, read only as a regular file inside the tree (tree-file.ts); null otherwise. */
function readTsconfig(root: string, file: string, view: TreeView | null): string | null {
  try {
    const bytes = view ? view.readSync(file, MAX_TSCONFIG_BYTES) : readTreeFileSync(root, relative(root, file), { maxBytes: MAX_TSCONFIG_BYTES });
    return bytes?.toString("utf8") ?? null;
  } catch {
    return null;
  }
}

/** The `extends` values of one tsconfig (TypeScript's lenient JSONC reading), or null when it is not read. */
function extendsOf(root: string, file: string, view: TreeView | null): string[] | null {
  const text = readTsconfig(root, file, view);
  if (text === null) return null;
  const parsed = ts.parseConfigFileTextToJson(file, text);
  const value: unknown = (parsed.config as { extends?: unknown } | undefined)?.extends;
  if (typeof value === "string") return value ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  return [];
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

/**
 * The first loop or over-deep chain reachable from `file` (absolute), depth first as tsconfig-paths
 * loads them; null when every chain ends. Files are read only when they are regular files.
 */
export function findExtendsProblem(root: string, file: string, view: TreeView | null = null): TsConfigExtendsError | null {
  const exists = view ? (f: string): boolean => view.kindOf(f) !== undefined : existsSync;
  const onChain: string[] = [];
  const finished = new Set<string>();
  const visit = (current: string): TsConfigExtendsError | null => {
    if (onChain.includes(current)) return new TsConfigExtendsError(root, "cycle", [...onChain.slice(onChain.indexOf(current)), current].map((f) => relative(root, f)));
    if (onChain.length >= MAX_EXTENDS_DEPTH) return new TsConfigExtendsError(root, "too-deep", [...onChain, current].map((f) => relative(root, f)));
    if (finished.has(current)) return null;
    const parents = extendsOf(root, current, view);
    if (parents === null) return null;
    onChain.push(current);
    for (const value of parents) {
      const problem = visit(extendedPath(current, value, exists));
      if (problem) return problem;
    }
    onChain.pop();
    finished.add(current);
    return null;
  };
  return visit(path.resolve(file));
}

/** Throws TsConfigExtendsError when `file`'s chain loops or runs too deep. */
export function checkExtendsChain(root: string, file: string, view: TreeView | null = null): void {
  const problem = findExtendsProblem(path.resolve(root), file, view);
  if (problem) throw problem;
}
