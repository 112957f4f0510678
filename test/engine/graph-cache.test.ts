import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { DiskGraphCache, cacheKeyId } from "../../src/engine/graph-cache.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "archreview-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const key = (sha: string) => ({ repository: "acme/shop", sha, configHash: "c1" });

describe("DiskGraphCache", () => {
  it("returns what was stored under the same key, nothing under another", async () => {
    const cache = new DiskGraphCache(dir);
    await cache.set(key("a"), { modules: ["x.ts"], edges: [] });
    expect(await cache.get(key("a"))).toEqual({ modules: ["x.ts"], edges: [] });
    expect(await cache.get(key("b"))).toBeNull();
    expect([await cache.has(key("a")), await cache.has(key("b"))]).toEqual([true, false]);
    expect(await cache.get({ ...key("a"), configHash: "c2" })).toBeNull();
  });

  it("evicts the least recently used entries past its size bound", async () => {
    const big = { blob: Array.from({ length: 4000 }, (_, i) => `${i}-${Math.sin(i)}`) };
    const probe = new DiskGraphCache(dir);
    await probe.set(key("probe"), big);
    const entrySize = readdirSync(dir).length === 1 ? (await import("node:fs")).statSync(path.join(dir, readdirSync(dir)[0] as string)).size : 0;
    rmSync(path.join(dir, `${cacheKeyId(key("probe"))}.json`));
    const cache = new DiskGraphCache(dir, entrySize * 2 + 10);
    await cache.set(key("1"), big);
    await new Promise((r) => setTimeout(r, 20));
    await cache.set(key("2"), big);
    await new Promise((r) => setTimeout(r, 20));
    expect(await cache.get(key("1"))).not.toBeNull(); // 1 is now the most recently used
    await new Promise((r) => setTimeout(r, 20));
    await cache.set(key("3"), big);
    expect(await cache.get(key("2"))).toBeNull();
    expect(await cache.get(key("1"))).not.toBeNull();
    expect(await cache.get(key("3"))).not.toBeNull();
  });

  it("treats a damaged (truncated) entry as missing", async () => {
    const cache = new DiskGraphCache(dir);
    await cache.set(key("a"), { ok: true });
    writeFileSync(path.join(dir, `${cacheKeyId(key("a"))}.json`), '{"modules": ["x.ts"], "edg');
    expect(await cache.get(key("a"))).toBeNull();
  });

  it("stores plain JSON (reading it beats gunzipping it), non-ASCII paths included", async () => {
    const cache = new DiskGraphCache(dir);
    const value = { modules: ["src/ünïcode/名前.ts", "src/a.ts"], edges: [{ from: "src/a.ts", to: "src/ünïcode/名前.ts", line: 1 }] };
    await cache.set(key("a"), value);
    expect(JSON.parse(readFileSync(path.join(dir, `${cacheKeyId(key("a"))}.json`), "utf8"))).toEqual(value);
    expect(await new DiskGraphCache(dir).get(key("a"))).toEqual(value);
  });

  it("counts and evicts the gzipped entries of earlier versions, and never reads them", async () => {
    const legacy = path.join(dir, `${cacheKeyId(key("old"))}.json.gz`);
    writeFileSync(legacy, gzipSync(JSON.stringify({ modules: ["x.ts"] })));
    utimesSync(legacy, new Date(1_000), new Date(1_000));
    const cache = new DiskGraphCache(dir, 10);
    expect(await cache.get(key("old"))).toBeNull();
    await cache.set(key("new"), { modules: ["y.ts"] });
    expect(existsSync(legacy)).toBe(false);
  });

  it("stores bytes as they are (setBytes/getBytes), every byte value kept; damage reads as a miss", async () => {
    const cache = new DiskGraphCache(dir);
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    await cache.setBytes(key("a"), bytes);
    const file = path.join(dir, `${cacheKeyId(key("a"))}.bin`);
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
    expect(await new DiskGraphCache(dir).getBytes(key("a"))).toEqual(Buffer.from(bytes));
    expect(await cache.getBytes(key("b"))).toBeNull();
    expect(await cache.get(key("a"))).toBeNull(); // a byte entry is not a JSON entry
    const stored = readFileSync(file);
    stored.writeUInt8((stored.at(-1) as number) ^ 1, stored.length - 1);
    writeFileSync(file, stored);
    expect(await cache.getBytes(key("a"))).toBeNull();
    writeFileSync(file, stored.subarray(0, 10));
    expect(await cache.getBytes(key("a"))).toBeNull();
  });

  it("counts byte entries toward its bound and evicts them like the others", async () => {
    const old = new DiskGraphCache(dir);
    await old.setBytes(key("old"), new Uint8Array(4096));
    const file = path.join(dir, `${cacheKeyId(key("old"))}.bin`);
    utimesSync(file, new Date(1_000), new Date(1_000));
    await new DiskGraphCache(dir, 1024).set(key("new"), { modules: ["y.ts"] });
    expect(existsSync(file)).toBe(false);
    expect(await old.get(key("new"))).toEqual({ modules: ["y.ts"] });
  });
});
