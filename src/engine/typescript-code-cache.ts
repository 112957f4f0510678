// A V8 code cache of TypeScript in the review's cache folder: compiling the compiler is a large part
// of a warm review, and Node 20 has no module.enableCompileCache. The text compiled is the build's
// minified copy of typescript.js when it matches the installed one (typescript-source.ts), else the
// file itself. Keyed by TypeScript's version, which text (minified or not, its size), Node's version
// and V8's cached-data tag (its version and flags); a cache that is damaged (its digest) or that V8
// rejects is ignored and rewritten, atomically. No folder: the minified copy compiled without a cache.
import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { Module } from "node:module";
import path from "node:path";
import { cachedDataVersionTag } from "node:v8";
import vm from "node:vm";
import type { TypeScriptLoader } from "../extract/typescript-loading.js";
import { intactCodeCache, readCodeCache, readFileOrNull, runAsCommonJs, writeCodeCache } from "./code-cache-file.js";
import { prefetchCodeCache, takePrefetchedCodeCache } from "./typescript-cache-prefetch.js";
import { chooseTypeScriptSource, defaultMinifiedDir, readTypeScriptSource, type TypeScriptSource } from "./typescript-source.js";

/** What became of the code cache: used, refused by V8 (then rewritten), or not there yet (then written). */
export type CodeCacheUse = "accepted" | "rejected" | "absent";

export interface CodeCacheKey {
  typescript: string;
  node: string;
  /** v8.cachedDataVersionTag(): V8's version and the flags that change its code. */
  v8Tag: number;
  /** The build's minified copy of typescript.js (typescript-source.ts) or the file itself. */
  minified: boolean;
  sourceBytes: number;
}

/** TypeScript's code cache files in a folder: writing one removes the others (older keys). */
const TYPESCRIPT_CACHES = /^typescript-[0-9a-f]+\.v8cache$/;

/** The cache file's name in the folder: one per key; writing it removes the others. */
export function codeCacheName(key: CodeCacheKey): string {
  const id = createHash("sha256").update(JSON.stringify([key.typescript, key.node, key.v8Tag, key.minified, key.sourceBytes])).digest("hex");
  return `typescript-${id.slice(0, 32)}.v8cache`;
}

/**
 * Reads the folder's TypeScript code cache ahead on the thread pool (typescript-cache-prefetch.ts),
 * under the name the load will look for when it compiles the text chosen now; a load that compiles another
 * text (an unreadable copy) looks for another name and reads that itself.
 */
export function prefetchTypeScriptCodeCache(dir: string, require: NodeRequire, minifiedDir: string | null = defaultMinifiedDir()): Promise<void> {
  try {
    const choice = chooseTypeScriptSource(require.resolve("typescript"), minifiedDir);
    const sourceBytes = choice.expectedBytes ?? statSync(choice.from).size;
    return prefetchCodeCache(dir, codeCacheName({ typescript: choice.version, node: process.version, v8Tag: cachedDataVersionTag(), minified: choice.minified, sourceBytes }));
  } catch {
    return Promise.resolve();
  }
}

/** How a load that found no usable cache writes one: at once, or when writeDeferredCodeCache is called. */
export interface CodeCacheWriting {
  /** Wait for writeDeferredCodeCache: the cache then also holds what ran since (TypeScript's parser, scanner, tsconfig reader). */
  deferred?: boolean;
}

let deferredWrite: (() => void) | null = null;

/**
 * Writes the code cache a deferred load left to write, once. The review worker calls it when its
 * review is done: V8's cached data then includes every function the review compiled, so a warm
 * review does not compile TypeScript's parser again (about 20 ms less on typeorm).
 */
export function writeDeferredCodeCache(): void {
  const write = deferredWrite;
  deferredWrite = null;
  try {
    write?.();
  } catch {
    // The cache is an optimisation: the next review compiles without it and tries again.
  }
}

/** Loads `typescript` as require would (the same instance for later requires of it), compiled with the folder's code cache. */
export function loadTypeScriptCached(
  dir: string,
  require: NodeRequire,
  minifiedDir: string | null = defaultMinifiedDir(),
  writing: CodeCacheWriting = {},
): { exports: unknown; codeCache: CodeCacheUse; minified: boolean } {
  const source = readTypeScriptSource(require.resolve("typescript"), minifiedDir);
  const name = codeCacheName({ typescript: source.version, node: process.version, v8Tag: cachedDataVersionTag(), minified: source.minified, sourceBytes: source.bytes.length });
  // Read and checked ahead on the thread pool when it could be (typescript-cache-prefetch.ts), else here.
  const ahead = takePrefetchedCodeCache(dir, name);
  const stored = ahead ? ahead.stored : readFileOrNull(path.join(dir, name));
  const fromFolder = ahead ? ahead.intact : stored && intactCodeCache(stored);
  // No usable cache in the folder yet: the build's, when it was made for this Node (the folder's is still written).
  const script = compile(source, fromFolder ?? shippedCodeCache(source));
  const exports = runAsModule(script, source.file, require);
  const codeCache: CodeCacheUse = stored === null ? "absent" : !fromFolder || script.cachedDataRejected === true ? "rejected" : "accepted";
  const write = (): void => writeCodeCache(dir, name, script.createCachedData(), TYPESCRIPT_CACHES);
  if (codeCache !== "accepted") {
    if (writing.deferred) deferredWrite = write;
    else write();
  }
  return { exports, codeCache, minified: source.minified };
}

/**
 * Loads the minified copy without a cache folder (--no-cache), with the code cache the build made
 * beside it when that was made by this Node (shippedCodeCache); null when there is no matching copy.
 * `codeCache`: the build's cache "accepted" or "rejected" by V8, or "absent" (none for this Node).
 */
export function loadTypeScriptMinified(require: NodeRequire, minifiedDir: string | null = defaultMinifiedDir()): { exports: unknown; codeCache: CodeCacheUse } | null {
  const source = readTypeScriptSource(require.resolve("typescript"), minifiedDir);
  if (!source.minified) return null;
  const shipped = shippedCodeCache(source);
  const script = compile(source, shipped);
  const exports = runAsModule(script, source.file, require);
  return { exports, codeCache: shipped === null ? "absent" : script.cachedDataRejected === true ? "rejected" : "accepted" };
}

/**
 * The V8 code cache .ci/build-typescript.mjs made of the minified copy (its manifest's record, read when
 * the copy was chosen), when `source` is that copy, the cache was made by this Node version under this
 * V8 flag tag, and its digest holds; else null.
 */
export function shippedCodeCache(source: TypeScriptSource): Buffer | null {
  const record = source.shippedCache;
  if (!source.minified || record === null || record.node !== process.version || record.v8Tag !== cachedDataVersionTag()) return null;
  // The file name is the manifest's: a plain name beside the copy, never a path elsewhere.
  if (path.basename(record.file) !== record.file) return null;
  return readCodeCache(path.join(path.dirname(source.from), record.file));
}

/** The CommonJS wrapper of the text, named after the real typescript.js as require names it (whichever text it is). */
function compile(source: TypeScriptSource, cachedData: Buffer | null): vm.Script {
  // TypeScript's text is ASCII: latin1 decodes it faster than UTF-8. The build's copy is ASCII by construction
  // (.ci/build-typescript.mjs: esbuild's charset ascii, checked there), so only the original is checked here.
  const text = source.minified || isAscii(source.bytes) ? source.bytes.toString("latin1") : source.bytes.toString("utf8");
  return new vm.Script(Module.wrap(text), { filename: source.file, ...(cachedData ? { cachedData } : {}) });
}

/** The loader review-worker.ts installs when the review has a cache folder; any failure of the cache falls back to require. */
export function typeScriptCodeCacheLoader(dir: string, minifiedDir: string | null = defaultMinifiedDir(), writing: CodeCacheWriting = {}): TypeScriptLoader {
  return (require) => {
    if (require.cache[require.resolve("typescript")]) return require("typescript");
    try {
      return loadTypeScriptCached(dir, require, minifiedDir, writing).exports;
    } catch {
      return require("typescript");
    }
  };
}

/** The loader review-worker.ts installs without a cache folder: the minified copy when it matches, else a plain require. */
export function minifiedTypeScriptLoader(minifiedDir: string | null = defaultMinifiedDir()): TypeScriptLoader {
  return (require) => {
    if (require.cache[require.resolve("typescript")]) return require("typescript");
    try {
      return loadTypeScriptMinified(require, minifiedDir)?.exports ?? require("typescript");
    } catch {
      return require("typescript");
    }
  };
}

/** Runs the CommonJS wrapper as Module._compile would, and registers the module for later requires. */
function runAsModule(script: vm.Script, file: string, require: NodeRequire): unknown {
  const module = runAsCommonJs(script, file);
  module.loaded = true;
  require.cache[file] = module;
  return module.exports;
}
