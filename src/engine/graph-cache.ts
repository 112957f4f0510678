// Module graphs cached by repository, commit, config and engine version: the base graph of a
// default branch is shared by every PR, and a review whose base is cached only reads what changed.
// On disk: one JSON file per entry, least recently used out first past a size bound. Not gzipped:
// gunzipping a 3,500-module graph (5.5 MB of JSON, 265 KB gzipped) took longer than reading it whole.
import { isAscii } from "node:buffer";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { intactCodeCache, withDigest } from "./code-cache-file.js";

/** Entries of this cache: `.json`, and `.bin` for bytes; gzipped `.json.gz` entries of earlier versions are no longer read, only evicted. */
const ENTRY = /\.json(\.gz)?$|\.bin$/;

/** Bump when the cached shape or the extraction's semantics change: old entries are then ignored. */
export const ENGINE_VERSION = "3";

/** No write of one entry takes this long: a temporary file this old belongs to a process that was stopped. */
const ABANDONED_WRITE_MS = 60 * 60 * 1000;

export interface GraphCacheKey {
  /** A stable repository identity: `owner/repo` in the App, the repository's top directory in the CLI. */
  repository: string;
  sha: string;
  /** Hash of everything in the config that changes the graph (ignore globs). */
  configHash: string;
}

export interface GraphCache {
  get<T>(key: GraphCacheKey): Promise<T | null>;
  /** Whether an entry exists, without reading it. */
  has(key: GraphCacheKey): Promise<boolean>;
  set<T>(key: GraphCacheKey, value: T): Promise<void>;
  /** Releases connections, if the store holds any. */
  close?(): Promise<void>;
}

export function cacheKeyId(key: GraphCacheKey): string {
  return createHash("sha256").update(JSON.stringify([ENGINE_VERSION, key.repository, key.sha, key.configHash])).digest("hex");
}

export class DiskGraphCache implements GraphCache {
  constructor(
    private readonly dir: string,
    private readonly maxBytes = 512 * 1024 * 1024,
  ) {}

  private file(key: GraphCacheKey, extension = ".json"): string {
    return path.join(this.dir, `${cacheKeyId(key)}${extension}`);
  }

  /** Bytes stored by setBytes, or null (missing, or damaged). */
  async getBytes(key: GraphCacheKey): Promise<Buffer | null> {
    const file = this.file(key, ".bin");
    const stored = await readFile(file).catch(() => null);
    // Led by the SHA-256 of what follows, as the code caches are: damage reads as a miss, never as other bytes.
    const data = stored && intactCodeCache(stored);
    if (!data) return null;
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined); // recency for eviction
    return data;
  }

  /** Stores bytes as they are (no JSON), under the same keys and eviction as the graphs. */
  async setBytes(key: GraphCacheKey, data: Uint8Array): Promise<void> {
    await this.write(this.file(key, ".bin"), withDigest(data));
  }

  async get<T>(key: GraphCacheKey): Promise<T | null> {
    const file = this.file(key);
    try {
      const bytes = await readFile(file);
      // Most graphs are ASCII (paths, specifiers): latin1 decoding reads the same text faster than UTF-8's.
      const value = JSON.parse(isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8")) as T;
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined); // recency for eviction
      return value;
    } catch {
      return null; // missing, or damaged by a crash mid-write elsewhere: rebuild
    }
  }

  async has(key: GraphCacheKey): Promise<boolean> {
    return stat(this.file(key)).then(
      () => true,
      () => false,
    );
  }

  async set<T>(key: GraphCacheKey, value: T): Promise<void> {
    // Private: cached graphs list a repository's modules and imports.
    await this.write(this.file(key), JSON.stringify(value));
  }

  private async write(file: string, data: string | Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Write then rename: a reader never sees half an entry.
    // Unique per write: two writes of one entry at the same millisecond must not share a temporary file.
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, data, { mode: 0o600 });
    await rename(temporary, file);
    await this.evict();
  }

  /** Removes the least recently used entries until the cache fits its bound, and writes a killed process left behind. */
  private async evict(): Promise<void> {
    const all = await readdir(this.dir);
    await this.removeAbandonedWrites(all.filter((n) => n.endsWith(".tmp")));
    const names = all.filter((n) => ENTRY.test(n));
    const entries = await Promise.all(
      names.map(async (n) => {
        const s = await stat(path.join(this.dir, n)).catch(() => null);
        return { name: n, size: s?.size ?? 0, used: s?.mtimeMs ?? 0 };
      }),
    );
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    for (const entry of entries.sort((a, b) => a.used - b.used)) {
      if (total <= this.maxBytes) break;
      await rm(path.join(this.dir, entry.name), { force: true });
      total -= entry.size;
    }
  }

  /** A temporary file older than any write takes was left by a process stopped mid-write. */
  private async removeAbandonedWrites(names: string[]): Promise<void> {
    const cutoff = Date.now() - ABANDONED_WRITE_MS;
    for (const name of names) {
      const file = path.join(this.dir, name);
      const s = await stat(file).catch(() => null);
      if (s && s.mtimeMs < cutoff) await rm(file, { force: true });
    }
  }
}
