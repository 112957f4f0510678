// Tree listings (`git ls-tree -r -l -z --full-tree <sha>`, the bytes the engine reads a tree of git
// objects from) kept in the review cache folder between reviews. An object id names its content, so
// a listing never goes stale: the next review of the same base (a branch's merge base stays put
// while its head moves) reads the listing back instead of starting git. Each spawn forks the whole
// process while the review worker boots beside it (every page table copied, the worker's page faults
// held meanwhile), and listing a 3,800-entry tree is about 23 ms of git's CPU besides: on typeorm a
// warm review went from 715 to 700 ms (median of 14 alternating runs) with the base's listing cached.
// Stored as raw bytes in the graph cache's folder (graph-cache.ts getBytes: the same keying, digest and
// eviction): JSON cost this thread about 20 ms more (the same 14-run comparison).
import { DiskGraphCache, type GraphCacheKey } from "./graph-cache.js";

/** Not a config hash (those are 16 hex digits): a listing depends on the tree alone. */
const LISTING = "tree-listing";

export interface ListingCache {
  /** The listing stored for the commit or tree `sha`, or null (none, or damaged). */
  get(sha: string): Promise<Uint8Array | null>;
  /** Stores `listing` for `sha`; a failure to write is ignored (the cache is an optimisation). */
  set(sha: string, listing: Uint8Array): Promise<void>;
}

/** What listingCache needs of the cache folder (DiskGraphCache). */
export interface ByteStore {
  getBytes(key: GraphCacheKey): Promise<Uint8Array | null>;
  setBytes(key: GraphCacheKey, data: Uint8Array): Promise<void>;
}

/** The listings of `repository` (its top directory) in the cache folder `dir`. */
export function listingCache(dir: string, repository: string, store: ByteStore = new DiskGraphCache(dir)): ListingCache {
  const key = (sha: string): GraphCacheKey => ({ repository, sha, configHash: LISTING });
  return {
    async get(sha) {
      const stored = await store.getBytes(key(sha)).catch(() => null);
      // In memory of its own (not a view of Node's shared pool): the request's structured clone copies only it.
      return stored === null ? null : new Uint8Array(stored);
    },
    async set(sha, listing) {
      await store.setBytes(key(sha), listing).catch(() => undefined);
    },
  };
}
