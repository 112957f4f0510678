// Tree listings kept between reviews (engine/listing-cache.ts): keyed by repository and object id,
// handed back in memory of their own, never shared across repositories.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { listingCache, type ByteStore } from "../../src/engine/listing-cache.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "archreview-listings-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const listing = Buffer.from("100644 blob 0123456789012345678901234567890123456789      42\tsrc/a.ts\0" + "120000 blob 1123456789012345678901234567890123456789       8\tsrc/l\xe9nk\0", "latin1");

describe("listingCache", () => {
  it("gives back the bytes stored for a sha, in memory of their own; nothing for another sha or repository", async () => {
    const cache = listingCache(dir, "/work/repo");
    expect(await cache.get("abc")).toBeNull();
    await cache.set("abc", new Uint8Array(listing));
    const read = await listingCache(dir, "/work/repo").get("abc");
    expect(read).toEqual(new Uint8Array(listing));
    // Not a view of Node's shared pool: posting it to the worker copies only these bytes.
    expect([read?.byteOffset, read?.buffer.byteLength]).toEqual([0, listing.length]);
    expect(await cache.get("abd")).toBeNull();
    expect(await listingCache(dir, "/work/other").get("abc")).toBeNull();
  });

  it("reads a damaged entry as none", async () => {
    const cache = listingCache(dir, "/work/repo");
    await cache.set("abc", new Uint8Array(listing));
    const [file] = readdirSync(dir);
    writeFileSync(path.join(dir, file as string), "not a listing");
    expect(await cache.get("abc")).toBeNull();
  });

  it("ignores a store that fails: no listing, and nothing thrown", async () => {
    const failing: ByteStore = { getBytes: () => Promise.reject(new Error("EIO")), setBytes: () => Promise.reject(new Error("ENOSPC")) };
    const cache = listingCache(dir, "/work/repo", failing);
    await expect(cache.set("abc", new Uint8Array(listing))).resolves.toBeUndefined();
    expect(await cache.get("abc")).toBeNull();
  });
});
