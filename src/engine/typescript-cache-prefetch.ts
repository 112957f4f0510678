// TypeScript's code cache in the review's cache folder read ahead, off the review worker's thread: the
// file (2.6 MB for TypeScript 5.9) in one read job on the thread pool, its pages faulted in there. Its
// digest is still checked on the worker's thread when TypeScript loads (code-cache-file.ts): Web Crypto's
// digest would run on the pool too, but loading Node's Web Crypto costs the worker more than the hash.
// A load that comes first reads the file itself, and a prefetch that ends after it is dropped.
import path from "node:path";
import { intactCodeCache, readAhead, readWholeAhead } from "./code-cache-file.js";

/** A code cache file as read: its bytes (null: absent) and its data when the digest holds (null: damaged). */
export interface ReadCodeCache {
  stored: Buffer | null;
  intact: Buffer | null;
}

/** The file read ahead: its bytes, null when there was none. */
const prefetched = readAhead<{ dir: string; name: string; stored: Buffer | null }>();

/** Reads `dir/name` ahead; `name` as codeCacheName gives it for the TypeScript about to load. */
export function prefetchCodeCache(dir: string, name: string): Promise<void> {
  return prefetched.fill(async () => {
    const read = await readWholeAhead(path.join(dir, name));
    // No such file: absent, as a load would find it; anything else is left to the load.
    return read === null ? null : { dir, name, stored: read === "missing" ? null : read };
  });
}

/**
 * What was read ahead for `dir/name`, once, its digest checked now on this thread (createHash is loaded
 * already, Web Crypto is not); null: nothing, or another file, and the load reads it itself.
 */
export function takePrefetchedCodeCache(dir: string, name: string): ReadCodeCache | null {
  const ahead = prefetched.take((read) => read.dir === dir && read.name === name);
  return ahead && { stored: ahead.stored, intact: ahead.stored && intactCodeCache(ahead.stored) };
}
