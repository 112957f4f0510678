// The review worker's bundle from a V8 code cache in the review's cache folder (engine/worker-code-cache.ts):
// absent, then written only once the review is done (afterReview), then accepted; keyed by the bundle's
// bytes (V8 itself checks only their length), so a rebuilt bundle of the same size is never given
// another build's code; a damaged file is ignored and replaced; without a folder nothing is read or written.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { afterReview, bundleCodeCacheName, codeCacheDirOf, runBundleCached } from "../../src/engine/worker-code-cache.js";

let tmp: string;
let bundle: string;
let cacheDir: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-bundle-cache-"));
  bundle = path.join(tmp, "review-worker.cjs");
  cacheDir = path.join(tmp, "cache");
  afterReview(); // no write left over from another test
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A CommonJS bundle with some functions to compile, answering `answer` and its own file name. */
function writeBundle(answer: number): void {
  const body = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${answer}; }`).join("\n");
  writeFileSync(bundle, `${body}\nmodule.exports = { answer: f1(0), file: __filename, dir: __dirname, required: typeof require("node:path").join };\n`);
}

const cacheFiles = (): string[] => readdirSync(cacheDir).filter((n) => n.endsWith(".v8cache"));

describe("runBundleCached", () => {
  it("runs the bundle as a CommonJS module, writes its cache only after the review, then uses it", () => {
    writeBundle(7);
    const first = runBundleCached(bundle, cacheDir);
    expect(first).toEqual({ codeCache: "absent", exports: { answer: 7, file: bundle, dir: tmp, required: "function" } });
    expect(() => readdirSync(cacheDir)).toThrow(); // nothing written while the review runs
    afterReview();
    expect(cacheFiles()).toEqual([bundleCodeCacheName(readFileSync(bundle))]);
    expect(runBundleCached(bundle, cacheDir).codeCache).toBe("accepted");
    afterReview(); // nothing pending: the accepted cache is left as it is
    expect(cacheFiles()).toEqual([bundleCodeCacheName(readFileSync(bundle))]);
  });

  it("never gives a rebuilt bundle of the same size the old build's code, and keeps one cache file", () => {
    writeBundle(1);
    runBundleCached(bundle, cacheDir);
    afterReview();
    const before = readFileSync(bundle);
    writeBundle(2); // same length, other bytes
    expect(readFileSync(bundle).length).toBe(before.length);
    const rebuilt = runBundleCached(bundle, cacheDir);
    expect(rebuilt).toMatchObject({ codeCache: "absent", exports: { answer: 2 } });
    afterReview();
    expect(cacheFiles()).toEqual([bundleCodeCacheName(readFileSync(bundle))]);
    expect(bundleCodeCacheName(readFileSync(bundle))).not.toBe(bundleCodeCacheName(before));
  });

  it("ignores a damaged cache file and writes a good one in its place", () => {
    writeBundle(3);
    runBundleCached(bundle, cacheDir);
    afterReview();
    const file = path.join(cacheDir, cacheFiles()[0] ?? "");
    const damaged = readFileSync(file);
    damaged.writeUInt8((damaged.readUInt8(damaged.length - 1) ^ 0xff), damaged.length - 1);
    writeFileSync(file, damaged);
    expect(runBundleCached(bundle, cacheDir)).toMatchObject({ codeCache: "absent", exports: { answer: 3 } });
    afterReview();
    expect(runBundleCached(bundle, cacheDir).codeCache).toBe("accepted");
  });

  it("reads and writes nothing without a folder", () => {
    writeBundle(4);
    expect(runBundleCached(bundle, null)).toMatchObject({ codeCache: null, exports: { answer: 4 } });
    afterReview();
    expect(readdirSync(tmp)).toEqual(["review-worker.cjs"]);
  });
});

describe("codeCacheDirOf", () => {
  it("is a standby's folder, or a request's cache folder, else null", () => {
    expect(codeCacheDirOf({ standby: true, codeCacheDir: "/c" })).toBe("/c");
    expect(codeCacheDirOf({ standby: true, codeCacheDir: null })).toBeNull();
    expect(codeCacheDirOf({ base: {}, cache: { dir: "/d", repository: "r" } })).toBe("/d");
    expect(codeCacheDirOf({ base: {}, cache: { redisUrl: "redis://x", repository: "r" } })).toBeNull();
    expect(codeCacheDirOf({ base: {}, cache: null })).toBeNull();
    expect(codeCacheDirOf(undefined)).toBeNull();
  });
});
