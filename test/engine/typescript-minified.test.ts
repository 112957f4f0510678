// The build's minified copy of typescript.js (.ci/build-typescript.mjs, engine/typescript-source.ts):
// compiled instead of typescript.js only when its manifest names the installed TypeScript (version and
// the original's size), else the original; run as the real file (its __filename and __dirname, its
// require.cache entry), so TypeScript finds its lib files and every later require gets that instance.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { cachedDataVersionTag } from "node:v8";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { loadTypeScriptCached, loadTypeScriptMinified, shippedCodeCache } from "../../src/engine/typescript-code-cache.js";
import { readTypeScriptSource } from "../../src/engine/typescript-source.js";
import { chooseTypeScriptSource, prefetchTypeScriptSource, takePrefetchedSource } from "../../src/engine/typescript-source.js";
import { ROOT, buildMinifiedTypeScript, type MinifiedManifest } from "./minified-typescript.js";

type TypeScriptApi = typeof import("typescript");

const TYPESCRIPT_FILE = createRequire(import.meta.url).resolve("typescript");

let work: string;
let copy: string;
let manifest: MinifiedManifest;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-tsmin-"));
  copy = path.join(work, "typescript-min");
  manifest = buildMinifiedTypeScript(copy);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A require whose cache starts empty: each load compiles TypeScript again. */
function freshRequire(): NodeRequire {
  const require = createRequire(import.meta.url);
  delete require.cache[require.resolve("typescript")];
  return require;
}

/** A copy of the built folder with its manifest or files changed. */
function alteredCopy(name: string, alter: (dir: string) => void): string {
  const dir = path.join(work, name);
  cpSync(copy, dir, { recursive: true });
  alter(dir);
  return dir;
}

function editManifest(dir: string, change: Partial<MinifiedManifest>): void {
  const file = path.join(dir, "manifest.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), ...change }));
}

/** Minified code renamed TypeScript's functions: the name tells which text ran. */
const ranMinified = (ts: unknown): boolean => (ts as TypeScriptApi).createSourceFile.name !== "createSourceFile";

function parses(ts: unknown): boolean {
  const api = ts as TypeScriptApi;
  const file = api.createSourceFile("a.ts", "export const answer: number = 42;", api.ScriptTarget.Latest);
  return file.statements[0]?.kind === api.SyntaxKind.VariableStatement;
}

describe("the build's minified copy of typescript.js", () => {
  // A review without a cache folder (--no-cache, a CI job's first run) deserializes TypeScript instead of compiling it.
  it("comes with a V8 code cache made by this Node, used without a cache folder and as the first cache of a folder; never under another Node or V8 tag, nor damaged", () => {
    expect(manifest.codeCache).toEqual({ node: process.version, v8Tag: cachedDataVersionTag(), file: "typescript.v8cache" });
    const cold = loadTypeScriptMinified(freshRequire(), copy);
    expect(cold?.codeCache).toBe("accepted");
    expect(ranMinified(cold?.exports) && parses(cold?.exports)).toBe(true);
    // A cache folder without a cache compiles with the build's, and still writes its own (holding what the review compiled).
    const folder = path.join(work, "folder-cache");
    const first = loadTypeScriptCached(folder, freshRequire(), copy);
    expect(first.codeCache).toBe("absent");
    expect(readdirSync(folder).filter((n) => n.endsWith(".v8cache"))).toHaveLength(1);
    const source = readTypeScriptSource(TYPESCRIPT_FILE, copy);
    expect(shippedCodeCache(source)).not.toBeNull();
    const otherNode = alteredCopy("other-node", (dir) => editManifest(dir, { codeCache: { ...manifest.codeCache!, node: "v20.0.0" } }));
    const otherTag = alteredCopy("other-tag", (dir) => editManifest(dir, { codeCache: { ...manifest.codeCache!, v8Tag: cachedDataVersionTag() + 1 } }));
    const damaged = alteredCopy("damaged-cache", (dir) => {
      const file = path.join(dir, "typescript.v8cache");
      const bytes = readFileSync(file);
      bytes.fill(7, 64, 4096);
      writeFileSync(file, bytes);
    });
    const none = alteredCopy("no-cache-record", (dir) => editManifest(dir, { codeCache: null }));
    for (const dir of [otherNode, otherTag, damaged, none]) {
      expect(shippedCodeCache(readTypeScriptSource(TYPESCRIPT_FILE, dir))).toBeNull();
      const loaded = loadTypeScriptMinified(freshRequire(), dir);
      expect(loaded?.codeCache).toBe("absent");
      expect(parses(loaded?.exports)).toBe(true);
    }
    // The original typescript.js never takes the copy's cache.
    expect(shippedCodeCache({ ...source, minified: false })).toBeNull();
  });

  it("is smaller, leads with TypeScript's license notice and names what it came from", () => {
    const original = readFileSync(TYPESCRIPT_FILE);
    const text = readFileSync(path.join(copy, "typescript.js"), "latin1");
    expect(text.startsWith("/*! ****")).toBe(true);
    expect(text.slice(0, 1000)).toContain("Licensed under the Apache License, Version 2.0");
    const version = (createRequire(import.meta.url)("typescript/package.json") as { version: string }).version;
    expect(manifest).toMatchObject({ typescript: version, originalBytes: original.length, minifiedBytes: statSync(path.join(copy, "typescript.js")).size });
    expect(manifest.originalSha256).toBe(createHash("sha256").update(original).digest("hex"));
    expect(manifest.minifiedBytes).toBeLessThan(original.length / 2);
  });

  it("is compiled (with the code cache, and without) when its manifest matches the installed TypeScript", () => {
    expect(chooseTypeScriptSource(TYPESCRIPT_FILE, copy)).toMatchObject({ file: TYPESCRIPT_FILE, from: path.join(copy, "typescript.js"), minified: true });
    const dir = path.join(work, "cache-matching");
    const first = loadTypeScriptCached(dir, freshRequire(), copy);
    expect(first).toMatchObject({ minified: true, codeCache: "absent" });
    expect(ranMinified(first.exports) && parses(first.exports)).toBe(true);
    const second = loadTypeScriptCached(dir, freshRequire(), copy);
    expect(second).toMatchObject({ minified: true, codeCache: "accepted" });
    expect(ranMinified(second.exports) && parses(second.exports)).toBe(true);
    const uncached = loadTypeScriptMinified(freshRequire(), copy);
    expect(uncached !== null && ranMinified(uncached.exports) && parses(uncached.exports)).toBe(true);
  });

  it("keys the code cache by the text compiled: the original's cache is another file, and replaces the copy's", () => {
    const dir = path.join(work, "cache-switch");
    expect(loadTypeScriptCached(dir, freshRequire(), copy).minified).toBe(true);
    const [minifiedCache] = readdirSync(dir);
    const original = loadTypeScriptCached(dir, freshRequire(), null);
    expect(original).toMatchObject({ minified: false, codeCache: "absent" });
    expect(ranMinified(original.exports)).toBe(false);
    expect(readdirSync(dir)).not.toContain(minifiedCache);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  const mismatches: Array<[string, (dir: string) => void]> = [
    ["another TypeScript version", (dir) => editManifest(dir, { typescript: "5.9.0-other" })],
    ["another original size", (dir) => editManifest(dir, { originalBytes: manifest.originalBytes + 1 })],
    ["no manifest", (dir) => rmSync(path.join(dir, "manifest.json"))],
    ["an unreadable manifest", (dir) => writeFileSync(path.join(dir, "manifest.json"), "{ not json")],
    ["no copy beside the manifest", (dir) => rmSync(path.join(dir, "typescript.js"))],
    ["a truncated copy", (dir) => writeFileSync(path.join(dir, "typescript.js"), readFileSync(path.join(dir, "typescript.js")).subarray(0, 1000))],
  ];
  it.each(mismatches)("falls back to typescript.js itself on %s", (name, alter) => {
    const dir = alteredCopy(name.replace(/\W+/g, "-"), alter);
    const cached = loadTypeScriptCached(path.join(work, `cache-${path.basename(dir)}`), freshRequire(), dir);
    expect(cached.minified).toBe(false);
    expect(ranMinified(cached.exports)).toBe(false);
    expect(parses(cached.exports)).toBe(true);
    expect(loadTypeScriptMinified(freshRequire(), dir)).toBeNull();
  });

  it("is what the worker reads ahead when it matches, taken once and only for the same copy folder", async () => {
    await prefetchTypeScriptSource(freshRequire(), copy);
    expect(takePrefetchedSource(TYPESCRIPT_FILE, null)).toBeNull();
    await prefetchTypeScriptSource(freshRequire(), copy);
    const ahead = takePrefetchedSource(TYPESCRIPT_FILE, copy);
    expect(ahead).toMatchObject({ file: TYPESCRIPT_FILE, from: path.join(copy, "typescript.js"), minified: true });
    expect(ahead?.bytes.equals(readFileSync(path.join(copy, "typescript.js")))).toBe(true);
    expect(takePrefetchedSource(TYPESCRIPT_FILE, copy)).toBeNull();
    await prefetchTypeScriptSource(freshRequire(), alteredCopy("prefetch-mismatch", (dir) => editManifest(dir, { typescript: "0.0.0" })));
    const original = takePrefetchedSource(TYPESCRIPT_FILE, path.join(work, "prefetch-mismatch"));
    expect(original).toMatchObject({ from: TYPESCRIPT_FILE, minified: false });
  });

  it("drops a read ahead that ends after a load looked for it (the load read the file itself)", async () => {
    const late = prefetchTypeScriptSource(freshRequire(), copy);
    expect(takePrefetchedSource(TYPESCRIPT_FILE, copy)).toBeNull(); // the load comes first
    await late;
    expect(takePrefetchedSource(TYPESCRIPT_FILE, copy)).toBeNull();
    // One started after that load is taken as before.
    await prefetchTypeScriptSource(freshRequire(), copy);
    expect(takePrefetchedSource(TYPESCRIPT_FILE, copy)).toMatchObject({ minified: true });
  });

  // In Node itself (jest replaces createRequire with its own registry): the compiled modules, run in a child process.
  it("runs as the real typescript.js: later requires get the same instance, lib files and the executing path are the real ones", () => {
    const script = (loaderCall: string) =>
      [
        `import { createRequire } from "node:module";
import { cachedDataVersionTag } from "node:v8";`,
        `import { minifiedTypeScriptLoader, typeScriptCodeCacheLoader } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "dist/engine/typescript-code-cache.js")).href)};`,
        `const require = createRequire(${JSON.stringify(path.join(ROOT, "dist/extract/x.js"))});`,
        `const loaded = ${loaderCall}(require);`,
        `console.log(JSON.stringify({ same: require("typescript") === loaded, minified: loaded.createSourceFile.name !== "createSourceFile",`,
        `  lib: loaded.getDefaultLibFilePath({}), executing: loaded.sys.getExecutingFilePath(), caseSensitive: loaded.sys.useCaseSensitiveFileNames, version: loaded.version }));`,
      ].join("\n");
    const run = (loaderCall: string) => {
      const child = spawnSync(process.execPath, ["--input-type=module", "-e", script(loaderCall)], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
      expect(child.stderr).toBe("");
      return JSON.parse(child.stdout) as Record<string, unknown>;
    };
    const plain = run("((r) => r('typescript'))");
    expect(plain).toMatchObject({ same: true, minified: false, executing: TYPESCRIPT_FILE, lib: path.join(path.dirname(TYPESCRIPT_FILE), "lib.d.ts") });
    const cached = run(`typeScriptCodeCacheLoader(${JSON.stringify(path.join(work, "cache-child"))}, ${JSON.stringify(copy)})`);
    const uncached = run(`minifiedTypeScriptLoader(${JSON.stringify(copy)})`);
    for (const loaded of [cached, uncached]) expect(loaded).toEqual({ ...plain, minified: true });
  });
});
