// V8 code caches as files in a cache folder (TypeScript's, the review worker bundle's), and the
// running of what they compile as a CommonJS module. Each file
// leads with the SHA-256 of its data, because V8 checks a cache's version and flags but (in release
// builds) not its bytes; written to a temporary file then renamed, so a reader never sees half of one.
import { createHash, randomBytes } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, read, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { Module, createRequire } from "node:module";
import path from "node:path";
import type vm from "node:vm";

const DIGEST_BYTES = 32;

function digestOf(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}

/** `data` as stored: led by its SHA-256. */
export function withDigest(data: Uint8Array): Buffer {
  return Buffer.concat([digestOf(data), data]);
}

/** The cached data of a stored file whose digest matches, or null (damaged, truncated, empty). */
export function intactCodeCache(stored: Buffer): Buffer | null {
  const data = stored.subarray(DIGEST_BYTES);
  return stored.length > DIGEST_BYTES && digestOf(data).equals(stored.subarray(0, DIGEST_BYTES)) ? data : null;
}

export function readFileOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/**
 * `file` read whole on the thread pool, ahead of a load on a busy thread: opened and sized synchronously
 * (microseconds), then ONE read job, so that one turn of that thread's loop completes it (an open, a stat,
 * a read and a close each waiting for a turn lost the race to the load under load). "missing": no such
 * file; null: anything else went wrong (the load then reads it itself).
 */
export function readWholeAhead(file: string): Promise<Buffer | "missing" | null> {
  return new Promise((resolve) => {
    let fd: number | null = null;
    try {
      fd = openSync(file, "r");
      const opened = fd;
      const { size } = fstatSync(opened);
      const bytes = Buffer.allocUnsafe(size);
      read(opened, bytes, 0, size, 0, (error, bytesRead) => {
        closeSync(opened);
        resolve(!error && bytesRead === size ? bytes : null);
      });
    } catch (error) {
      if (fd !== null) closeSync(fd);
      resolve((error as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : null);
    }
  });
}

/** One value read ahead for a later load: taken once, and dropped when its read ends after a load looked for it. */
export interface ReadAhead<T> {
  /** Stores what `read` gives (null: nothing) unless a load has looked since this fill began. */
  fill(read: () => Promise<T | null>): Promise<void>;
  /** What was read ahead when `matches` accepts it, once; counts as a load either way. */
  take(matches: (value: T) => boolean): T | null;
  /** Drops what no load will take. */
  clear(): void;
}

export function readAhead<T>(): ReadAhead<T> {
  let value: T | null = null;
  let loadsStarted = 0;
  return {
    async fill(read) {
      const loadsBefore = loadsStarted;
      const got = await read();
      value = loadsStarted === loadsBefore ? got : null;
    },
    take(matches) {
      loadsStarted += 1;
      const taken = value !== null && matches(value) ? value : null;
      value = null;
      return taken;
    },
    clear() {
      value = null;
    },
  };
}

/** The intact cached data stored at `file`, or null (absent, unreadable, damaged). */
export function readCodeCache(file: string): Buffer | null {
  const stored = readFileOrNull(file);
  return stored && intactCodeCache(stored);
}

/**
 * Writes `data` as `dir/name` (write then rename); the folder's other files matching `family` (older
 * keys of the same cache) go. A failed write costs only the next compile.
 */
export function writeCodeCache(dir: string, name: string, data: Buffer, family: RegExp): void {
  const temporary = path.join(dir, `${name}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const old of readdirSync(dir)) if (family.test(old) && old !== name) rmSync(path.join(dir, old), { force: true });
    writeFileSync(temporary, withDigest(data), { mode: 0o600 });
    renameSync(temporary, path.join(dir, name));
  } catch {
    void rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** Runs a vm.Script of `Module.wrap(text)` as Module._compile would: `file`'s own require, module, __filename and __dirname. */
export function runAsCommonJs(script: vm.Script, file: string): Module {
  const module = new Module(file);
  module.filename = file;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return module;
}
