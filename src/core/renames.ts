// Maps base paths onto head paths so that a moved file is compared with itself.
import type { FileChange } from "./model.js";

export type PathMap = (basePath: string) => string;

export function renameMap(changes: FileChange[]): PathMap {
  const map = new Map<string, string>();
  for (const c of changes) if (c.kind === "renamed" && c.previousPath) map.set(c.previousPath, c.path);
  return (p) => map.get(p) ?? p;
}

/** Head path -> base path, for looking up a file's previous facts. */
export function previousPathOf(changes: FileChange[]): (headPath: string) => string {
  const map = new Map<string, string>();
  for (const c of changes) if (c.kind === "renamed" && c.previousPath) map.set(c.path, c.previousPath);
  return (p) => map.get(p) ?? p;
}

/** Head paths the change touched (added, modified or renamed). */
export function touchedPaths(changes: FileChange[]): Set<string> {
  return new Set(changes.filter((c) => c.kind !== "deleted").map((c) => c.path));
}
