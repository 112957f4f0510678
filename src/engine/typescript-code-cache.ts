// A V8 code cache of typescript.js in the review's cache folder: compiling the 9 MB compiler is a
// large part of a warm review, and Node 20 has no module.enableCompileCache. Keyed by TypeScript's
// version, Node's version and V8's cached-data tag (its version and flags); a cache that is damaged
// (its digest) or that V8 rejects is ignored and rewritten, atomically. No folder: a plain require.
import { isAscii } from "node:buffer";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import { Module, createRequire } from "node:module";
import path from "node:path";
import { cachedDataVersionTag } from "node:v8";
import vm from "node:vm";
import type { TypeScriptLoader } from "../extract/typescript-loading.js";

/** What became of the code cache: used, refused by V8 (then rewritten), or not there yet (then written). */
export type CodeCacheUse = "accepted" | "rejected" | "absent";

export interface CodeCacheKey {
  typescript: string;
  node: string;
  /** v8.cachedDataVersionTag(): V8's version and the flags that change its code. */
  v8Tag: number;
  sourceBytes: number;
}

/** The cache file's name in the folder: one per key; writing it removes the others. */
export function codeCacheName(key: CodeCacheKey): string {
  const id = createHash("sha256").update(JSON.stringify([key.typescript, key.node, key.v8Tag, key.sourceBytes])).digest("hex");
  return `typescript-${id.slice(0, 32)}.v8cache`;
}

/** Loads `typescript` as require would (the same instance for later requires of it), compiled with the folder's code cache. */
export function loadTypeScriptCached(dir: string, require: NodeRequire): { exports: unknown; codeCache: CodeCacheUse } {
  const file = require.resolve("typescript");
  const ahead = takePrefetchedSource(file);
  const bytes = ahead?.bytes ?? readFileSync(file);
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(file), "..", "package.json"), "utf8")) as { version: string };
  const name = codeCacheName({ typescript: version, node: process.version, v8Tag: cachedDataVersionTag(), sourceBytes: bytes.length });
  const stored = readOrNull(path.join(dir, name));
  const cachedData = stored && intact(stored);
  // typescript.js is ASCII: latin1 decoding gives the same text, faster than UTF-8's.
  const source = sourceText(bytes);
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const exports = runAsModule(script, file, require);
  const codeCache: CodeCacheUse = stored === null ? "absent" : !cachedData || script.cachedDataRejected === true ? "rejected" : "accepted";
  if (codeCache !== "accepted") writeCodeCache(dir, name, script.createCachedData());
  return { exports, codeCache };
}

/** typescript.js as text: latin1 decodes an ASCII file (TypeScript's is) faster than UTF-8 does. */
const sourceText = (bytes: Buffer): string => (isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8"));

interface PrefetchedSource {
  file: string;
  bytes: Buffer;
}

let prefetched: PrefetchedSource | null = null;

/**
 * Reads typescript.js (9 MB) ahead, on the thread pool while the review worker lists the trees and
 * loads its configuration: a load that finds it read does not wait for the disk. One read of the
 * whole file (not the 512 KB chunks of readFile, each waiting for a turn of the busy worker's loop);
 * nothing is decoded, compiled or run, so a review whose configuration fails never loads TypeScript.
 * A load that comes first reads the file itself; a failed read leaves the load to read it.
 */
export async function prefetchTypeScriptSource(require: NodeRequire): Promise<void> {
  try {
    const file = require.resolve("typescript");
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      const bytes = Buffer.allocUnsafe(size);
      const { bytesRead } = await handle.read(bytes, 0, size, 0);
      prefetched = bytesRead === size ? { file, bytes } : null;
    } finally {
      await handle.close();
    }
  } catch {
    prefetched = null;
  }
}

/** Drops prefetched bytes no load will take (a review without a cache folder requires TypeScript plainly). */
export function discardPrefetchedSource(): void {
  prefetched = null;
}

/** The prefetched bytes of `file`, once: later loads read the file again. */
export function takePrefetchedSource(file: string): PrefetchedSource | null {
  const taken = prefetched?.file === file ? prefetched : null;
  prefetched = null;
  return taken;
}

/** The loader review-worker.ts installs when the review has a cache folder; any failure of the cache falls back to require. */
export function typeScriptCodeCacheLoader(dir: string): TypeScriptLoader {
  return (require) => {
    if (require.cache[require.resolve("typescript")]) return require("typescript");
    try {
      return loadTypeScriptCached(dir, require).exports;
    } catch {
      return require("typescript");
    }
  };
}

/** Runs the CommonJS wrapper as Module._compile would, and registers the module for later requires. */
function runAsModule(script: vm.Script, file: string, require: NodeRequire): unknown {
  const module = new Module(file);
  module.filename = file;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  require.cache[file] = module;
  return module.exports;
}

// V8 checks a code cache's version and flags but (in release builds) not its bytes: each file leads with their SHA-256.
const DIGEST_BYTES = 32;

function digestOf(data: Buffer): Buffer {
  return createHash("sha256").update(data).digest();
}

/** The cached data of a stored file whose digest matches, or null (damaged, truncated, empty). */
function intact(stored: Buffer): Buffer | null {
  const data = stored.subarray(DIGEST_BYTES);
  return stored.length > DIGEST_BYTES && digestOf(data).equals(stored.subarray(0, DIGEST_BYTES)) ? data : null;
}

function readOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/** Write then rename (a reader never sees half a cache); older keys' files go. A failed write costs only the next compile. */
function writeCodeCache(dir: string, name: string, data: Buffer): void {
  const temporary = path.join(dir, `${name}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const old of readdirSync(dir)) if (/^typescript-[0-9a-f]+\.v8cache$/.test(old) && old !== name) rmSync(path.join(dir, old), { force: true });
    writeFileSync(temporary, Buffer.concat([digestOf(data), data]), { mode: 0o600 });
    renameSync(temporary, path.join(dir, name));
  } catch {
    void rm(temporary, { force: true }).catch(() => undefined);
  }
}
