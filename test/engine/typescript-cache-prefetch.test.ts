// TypeScript's code cache read ahead on the thread pool (engine/typescript-cache-prefetch.ts): the load
// takes what was read, its digest checked as a read at load time checks it; absent and damaged files
// read as they would; a read that ends after the load is dropped, and another file's is never taken.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { readCodeCache, writeCodeCache } from "../../src/engine/code-cache-file.js";
import { prefetchCodeCache, takePrefetchedCodeCache } from "../../src/engine/typescript-cache-prefetch.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "archreview-prefetch-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NAME = "typescript-0123.v8cache";
const data = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

describe("prefetchCodeCache", () => {
  it("hands the load the file it read, checked as readCodeCache checks it, once", async () => {
    writeCodeCache(dir, NAME, data, /^typescript-/);
    await prefetchCodeCache(dir, NAME);
    const taken = takePrefetchedCodeCache(dir, NAME);
    expect(taken?.intact).toEqual(readCodeCache(path.join(dir, NAME)));
    expect(taken?.intact).toEqual(data);
    expect(takePrefetchedCodeCache(dir, NAME)).toBeNull();
  });

  it("reads an absent file as absent and a damaged one as damaged", async () => {
    await prefetchCodeCache(dir, NAME);
    expect(takePrefetchedCodeCache(dir, NAME)).toEqual({ stored: null, intact: null });
    writeFileSync(path.join(dir, NAME), Buffer.concat([Buffer.alloc(32), data]));
    await prefetchCodeCache(dir, NAME);
    const taken = takePrefetchedCodeCache(dir, NAME);
    expect([taken?.stored?.length, taken?.intact]).toEqual([32 + data.length, null]);
  });

  it("gives nothing for another folder or name, and drops a read that ends after the load began", async () => {
    writeCodeCache(dir, NAME, data, /^typescript-/);
    await prefetchCodeCache(dir, NAME);
    expect(takePrefetchedCodeCache(dir, "typescript-other.v8cache")).toBeNull();
    await prefetchCodeCache(dir, NAME);
    expect(takePrefetchedCodeCache(path.join(dir, "elsewhere"), NAME)).toBeNull();
    const late = prefetchCodeCache(dir, NAME);
    expect(takePrefetchedCodeCache(dir, NAME)).toBeNull(); // the load came first: it reads the file itself
    await late;
    expect(takePrefetchedCodeCache(dir, NAME)).toBeNull();
  });
});
