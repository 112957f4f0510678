// The V8 code cache of typescript.js kept in the review's cache folder (engine/typescript-code-cache.ts):
// written when absent, used when valid, ignored and rewritten when damaged, keyed so that another
// TypeScript, Node or V8 configuration never reads it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { codeCacheName, loadTypeScriptCached, typeScriptCodeCacheLoader, writeDeferredCodeCache } from "../../src/engine/typescript-code-cache.js";
import { prefetchTypeScriptSource, takePrefetchedSource } from "../../src/engine/typescript-source.js";

type TypeScriptApi = typeof import("typescript");

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-codecache-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A require whose cache starts empty: each load compiles typescript.js again. */
function freshRequire(): NodeRequire {
  const require = createRequire(import.meta.url);
  delete require.cache[require.resolve("typescript")];
  return require;
}

/** Whether `ts` parses a variable statement as one. */
function parses(ts: unknown): boolean {
  const api = ts as TypeScriptApi;
  const file = api.createSourceFile("a.ts", "export const answer: number = 42;", api.ScriptTarget.Latest);
  return file.statements[0]?.kind === api.SyntaxKind.VariableStatement;
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".v8cache"));

describe("the TypeScript code cache", () => {
  it("is written when absent, then used; TypeScript works either way", () => {
    const dir = path.join(work, "fresh");
    const first = loadTypeScriptCached(dir, freshRequire());
    expect(first.codeCache).toBe("absent");
    expect(parses(first.exports)).toBe(true);
    expect(cacheFiles(dir)).toHaveLength(1);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    const require = freshRequire();
    const second = loadTypeScriptCached(dir, require);
    expect(second.codeCache).toBe("accepted");
    expect((second.exports as TypeScriptApi).version).toBe((first.exports as TypeScriptApi).version);
    expect(parses(second.exports)).toBe(true);
  });

  it("compiles the bytes read ahead, once, and only for the file they were read from", async () => {
    // A stand-in package: its text changes on disk after the read ahead, so which text ran shows.
    const pkg = path.join(work, "ahead-pkg");
    const file = path.join(pkg, "lib", "typescript.js");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ version: "0.0.0-test" }));
    writeFileSync(file, 'module.exports = { read: "ahead" };\n');
    const standIn = (): NodeRequire => Object.assign(() => undefined, { resolve: () => file, cache: {} }) as unknown as NodeRequire;
    await prefetchTypeScriptSource(standIn());
    writeFileSync(file, 'module.exports = { read: "later on" };\n');
    const dir = path.join(work, "ahead-cache");
    expect(loadTypeScriptCached(dir, standIn()).exports).toEqual({ read: "ahead" });
    expect(loadTypeScriptCached(dir, standIn()).exports).toEqual({ read: "later on" });

    await prefetchTypeScriptSource(standIn());
    expect(takePrefetchedSource(path.join(pkg, "lib", "other.js"))).toBeNull();
    expect(takePrefetchedSource(file)).toBeNull();
  });

  // In Node itself (jest replaces createRequire with its own registry): the compiled module, run in a child process.
  it("registers what it loaded: later requires of typescript (dependency-cruiser's) get the same instance, compiled once", () => {
    const dir = path.join(work, "shared");
    const script = [
      `import { createRequire } from "node:module";`,
      `import { typeScriptCodeCacheLoader } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "dist/engine/typescript-code-cache.js")).href)};`,
      `const require = createRequire(${JSON.stringify(path.join(ROOT, "src/extract/x.js"))});`,
      `const loader = typeScriptCodeCacheLoader(${JSON.stringify(dir)});`,
      `const loaded = loader(require);`,
      `console.log(JSON.stringify({ same: require("typescript") === loaded, again: loader(require) === loaded, version: loaded.version }));`,
    ].join("\n");
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ same: true, again: true, version: (freshRequire()("typescript") as TypeScriptApi).version });
    expect(cacheFiles(dir)).toHaveLength(1);
  });

  // The review worker defers the write to the end of its review (review-worker.ts). In a fresh Node
  // process: V8 shares compiled functions between compiles of the same text within one process.
  it("a deferred load writes its cache only when asked, once, and then with the functions that ran after the load", () => {
    const early = path.join(work, "early");
    const late = path.join(work, "late");
    const script = [
      `import { createRequire } from "node:module";`,
      `import { existsSync } from "node:fs";`,
      `import { loadTypeScriptCached, writeDeferredCodeCache } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "dist/engine/typescript-code-cache.js")).href)};`,
      `const fresh = () => { const r = createRequire(${JSON.stringify(path.join(ROOT, "src/extract/x.js"))}); delete r.cache[r.resolve("typescript")]; return r; };`,
      `loadTypeScriptCached(${JSON.stringify(early)}, fresh());`,
      `const loaded = loadTypeScriptCached(${JSON.stringify(late)}, fresh(), undefined, { deferred: true });`,
      `const before = existsSync(${JSON.stringify(late)});`,
      `const ts = loaded.exports;`,
      `const parsed = ts.createSourceFile("a.ts", "export class A { m(x: number) { return x > 1 ? [x] : [] } }", ts.ScriptTarget.Latest).statements.length;`,
      `writeDeferredCodeCache();`,
      `const again = loadTypeScriptCached(${JSON.stringify(late)}, fresh()).codeCache;`,
      `console.log(JSON.stringify({ use: loaded.codeCache, before, parsed, again }));`,
    ].join("\n");
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ use: "absent", before: false, parsed: 1, again: "accepted" });
    const [name] = cacheFiles(late);
    expect(cacheFiles(early)).toEqual([name]);
    const written = readFileSync(path.join(late, name!));
    // The parser and the scanner ran after the load: the deferred cache holds them, the early one does not.
    expect(written.length).toBeGreaterThan(readFileSync(path.join(early, name!)).length);
    writeDeferredCodeCache(); // in this process: nothing deferred, nothing written
    expect(cacheFiles(late)).toEqual([name]);
  });

  it("ignores a damaged cache (V8 itself would take it) and rewrites it", () => {
    const dir = path.join(work, "damaged");
    loadTypeScriptCached(dir, freshRequire());
    const [name] = cacheFiles(dir);
    const file = path.join(dir, name!);
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    damaged.fill(7, 64, 4096);
    writeFileSync(file, damaged);
    const loaded = loadTypeScriptCached(dir, freshRequire());
    expect(loaded.codeCache).toBe("rejected");
    expect(parses(loaded.exports)).toBe(true);
    expect(readFileSync(file).equals(damaged)).toBe(false);
    expect(loadTypeScriptCached(dir, freshRequire()).codeCache).toBe("accepted");
  });

  it("ignores a truncated or empty cache file the same way", () => {
    const dir = path.join(work, "truncated");
    loadTypeScriptCached(dir, freshRequire());
    const file = path.join(dir, cacheFiles(dir)[0]!);
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expect(loadTypeScriptCached(dir, freshRequire()).codeCache).toBe("rejected");
    writeFileSync(file, "");
    expect(loadTypeScriptCached(dir, freshRequire()).codeCache).not.toBe("accepted");
    expect(loadTypeScriptCached(dir, freshRequire()).codeCache).toBe("accepted");
  });

  it("is named by TypeScript's version, Node's version, V8's tag, which text (minified or not) and its size; another key's file is replaced", () => {
    const key = { typescript: "5.9.3", node: "v20.20.0", v8Tag: 1234, minified: false, sourceBytes: 9_000_000 };
    const variants = [key, { ...key, typescript: "5.9.4" }, { ...key, node: "v20.21.0" }, { ...key, v8Tag: 4321 }, { ...key, sourceBytes: 9_000_001 }, { ...key, minified: true }];
    expect(new Set(variants.map(codeCacheName)).size).toBe(6);
    const dir = path.join(work, "stale");
    loadTypeScriptCached(dir, freshRequire());
    const current = cacheFiles(dir)[0]!;
    writeFileSync(path.join(dir, codeCacheName(key)), "stale");
    writeFileSync(path.join(dir, current), "");
    loadTypeScriptCached(dir, freshRequire());
    expect(cacheFiles(dir)).toEqual([current]);
  });

  it("falls back to a plain require when the folder cannot be written (the cache is an optimisation)", () => {
    const blocked = path.join(work, "a-file");
    writeFileSync(blocked, "not a folder");
    const loaded = typeScriptCodeCacheLoader(path.join(blocked, "cache"))(freshRequire());
    expect(parses(loaded)).toBe(true);
    expect(existsSync(path.join(blocked, "cache"))).toBe(false);
  });
});
