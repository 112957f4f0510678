// Which text of TypeScript the review worker compiles: the build's minified copy of typescript.js
// (.ci/build-typescript.mjs: the same code in 3.6 MB instead of 9.1 MB, less to read, decode and
// compile) when its manifest names the installed TypeScript (version and the original's byte size,
// the assumption the code cache's key makes too), else typescript.js itself. Also reads it ahead.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readAhead, readWholeAhead } from "./code-cache-file.js";

/** The text to compile, and where it came from. */
export interface TypeScriptSource {
  /** The real typescript.js: the module's __filename (TypeScript finds its lib files beside it) and require.cache key. */
  file: string;
  /** The file these bytes were read from: `file` or the minified copy. */
  from: string;
  minified: boolean;
  /** The installed TypeScript's version (its package.json). */
  version: string;
  /** The manifest's record of the V8 code cache the build made of the minified copy (null: none, or not the copy). */
  shippedCache: ShippedCodeCacheRecord | null;
  bytes: Buffer;
}

/** What .ci/build-typescript.mjs records of the code cache it made: the Node and V8 flag tag that made it, its file beside the copy. */
export interface ShippedCodeCacheRecord {
  node: string;
  v8Tag: number;
  file: string;
}

/** What .ci/build-typescript.mjs writes beside the copy (only the fields the loader checks). */
interface MinifiedManifest {
  typescript: string;
  originalBytes: number;
  minifiedBytes: number;
  codeCache?: ShippedCodeCacheRecord | null;
}

type SourceChoice = Omit<TypeScriptSource, "bytes"> & { expectedBytes: number | null };

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The build's copy: beside this module compiled (dist/engine/), one up from the worker bundle; null elsewhere (tests from src/). */
export function defaultMinifiedDir(): string | null {
  const candidates = [path.join(HERE, "typescript-min"), path.join(HERE, "..", "typescript-min")];
  return candidates.find((dir) => existsSync(path.join(dir, "manifest.json"))) ?? null;
}

/** The minified copy when `minifiedDir`'s manifest matches the installed typescript.js, else the file itself. */
export function chooseTypeScriptSource(file: string, minifiedDir: string | null): SourceChoice {
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(file), "..", "package.json"), "utf8")) as { version: string };
  const original: SourceChoice = { file, from: file, minified: false, version, shippedCache: null, expectedBytes: null };
  if (minifiedDir === null) return original;
  try {
    const manifest = JSON.parse(readFileSync(path.join(minifiedDir, "manifest.json"), "utf8")) as Partial<MinifiedManifest>;
    if (manifest.typescript !== version || manifest.originalBytes !== statSync(file).size || typeof manifest.minifiedBytes !== "number") return original;
    return { ...original, from: path.join(minifiedDir, "typescript.js"), minified: true, shippedCache: manifest.codeCache ?? null, expectedBytes: manifest.minifiedBytes };
  } catch {
    return original;
  }
}

/** The chosen text's bytes (read ahead when they were); a copy that cannot be read whole gives the original's. */
export function readTypeScriptSource(file: string, minifiedDir: string | null): TypeScriptSource {
  const ahead = takePrefetchedSource(file, minifiedDir);
  if (ahead) return ahead;
  const choice = chooseTypeScriptSource(file, minifiedDir);
  const { expectedBytes, ...source } = choice;
  if (choice.minified) {
    try {
      const bytes = readFileSync(choice.from);
      if (bytes.length === expectedBytes) return { ...source, bytes };
    } catch {
      // An unreadable copy: the original below.
    }
  }
  return { ...source, from: file, minified: false, shippedCache: null, bytes: readFileSync(file) };
}

const prefetched = readAhead<{ source: TypeScriptSource; minifiedDir: string | null }>();

/**
 * Reads the chosen text of TypeScript ahead, on the thread pool while the review worker opens the
 * trees (code-cache-file.ts readWholeAhead): a load that finds it read does not read it again.
 * Nothing is decoded, compiled or run, so a review whose configuration fails never loads TypeScript.
 * A load that comes first reads the file itself, and a read ending after it is dropped.
 */
export function prefetchTypeScriptSource(require: NodeRequire, minifiedDir: string | null = defaultMinifiedDir()): Promise<void> {
  return prefetched.fill(async () => {
    let choice: SourceChoice;
    try {
      choice = chooseTypeScriptSource(require.resolve("typescript"), minifiedDir);
    } catch {
      return null;
    }
    const { expectedBytes, ...source } = choice;
    const bytes = await readWholeAhead(source.from);
    const whole = bytes !== null && bytes !== "missing" && (expectedBytes === null || bytes.length === expectedBytes);
    return whole ? { source: { ...source, bytes }, minifiedDir } : null;
  });
}

/** The bytes read ahead for typescript.js `file` (chosen with the same copy folder), once: later loads read again. */
export function takePrefetchedSource(file: string, minifiedDir: string | null = defaultMinifiedDir()): TypeScriptSource | null {
  return prefetched.take((ahead) => ahead.source.file === file && ahead.minifiedDir === minifiedDir)?.source ?? null;
}
