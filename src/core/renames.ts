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

/**
 * Added files whose content a removed file had: moves nobody reported (the tarball path and the
 * changed-files path pair them alike). `removed`: content hash -> removed path, the last path of a
 * hash winning. Marks the pairs' sources in `renamedFrom`.
 */
export function pairMoves(added: string[], removed: Map<string, string>, hashOf: (file: string) => string | null | undefined, renamedFrom: Set<string>): FileChange[] {
  return added.map((file) => {
    const previous = removed.get(hashOf(file) as string);
    if (!previous || renamedFrom.has(previous)) return { kind: "added" as const, path: file };
    renamedFrom.add(previous);
    return { kind: "renamed" as const, path: file, previousPath: previous };
  });
}
