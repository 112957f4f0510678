// enhanced-resolve's answer to a plain relative request (`./a`, `../b.js`), told from directory
// listings alone when that is certain, and `undefined` ("ask enhanced-resolve") whenever it is
// not: relative imports are most of a repository's imports, and each costs enhanced-resolve
// some twenty plugin hops. The steps below are the ones its ResolverFactory wires for
// dependency-cruiser's options (fast-resolve.ts resolveOptions), in the same order.
import path from "node:path";
import type { SnapshotFileSystem } from "./fast-fs.js";

/** A request ParsePlugin reads as a bare path: no query, fragment, `\0` escape or trailing `/`. */
function isPlainRelative(request: string): boolean {
  if (!(request.startsWith("./") || request.startsWith("../") || request === "." || request === "..")) return false;
  return !request.includes("?") && !request.includes("#") && !request.includes("\u0000") && !request.endsWith("/");
}

/**
 * The absolute file a relative `request` from `lookupDir` resolves to, null when enhanced-resolve
 * finds nothing, undefined when only enhanced-resolve can tell (symlinks, directories with a
 * package.json `main` or an index, a package.json that does not load, a missing directory).
 */
export function resolvePlainRelative(fs: SnapshotFileSystem, lookupDir: string, request: string, extensions: readonly string[]): string | null | undefined {
  if (!isPlainRelative(request)) return undefined;
  // DescriptionFilePlugin reads the package.json above the lookup directory, then above the
  // target's directory ("relative" stage): one that does not load fails the whole resolution.
  const target = path.join(lookupDir, request);
  const dir = path.dirname(target);
  if (!fs.descriptionLoads(lookupDir) || !fs.descriptionLoads(dir)) return undefined;
  // SymlinkPlugin would replace a symlinked directory on the way by its real path.
  if (!fs.isRealDirectory(dir)) return undefined;
  // raw-file: the path as written ("no extension"), then each extension appended, in order;
  // FileExistsPlugin wants a file. A symlink among them is for enhanced-resolve to follow.
  for (const candidate of [target, ...extensions.map((e) => target + e)]) {
    const kind = fs.kindOf(candidate);
    if (kind === "file") return candidate;
    if (kind === "other") return undefined;
  }
  // No file: only a directory can still resolve (package.json main fields, index files).
  return fs.kindOf(target) === "missing" ? null : undefined;
}
