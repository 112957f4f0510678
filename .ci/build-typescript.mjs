// Writes a minified copy of the installed typescript.js (same code: esbuild's minifier, no bundling)
// and a manifest of what it came from into dist/engine/typescript-min/. The review worker compiles
// the copy instead of typescript.js when the manifest names the installed TypeScript
// (engine/typescript-source.ts): 3.6 MB instead of 9.1 MB to read, decode and compile.
// Function names are not kept (keepNames): TypeScript uses them only in debug messages, and keeping
// them cost half of the load time the minification saves (measured: 145 vs 119 ms with a code cache).
// Usage: node .ci/build-typescript.mjs [--out DIR]   (run by `npm run build` and `prepare`, after the worker bundle)
import { isAscii } from "node:buffer";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { transform, version as esbuildVersion } from "esbuild";

const outFlag = process.argv.indexOf("--out");
const OUT = outFlag > 0 ? process.argv[outFlag + 1] : "dist/engine/typescript-min";
if (!OUT) throw new Error("--out needs a folder");

const require = createRequire(path.resolve("package.json"));
const original = require.resolve("typescript");
const { version } = JSON.parse(readFileSync(path.join(path.dirname(original), "..", "package.json"), "utf8"));
const bytes = readFileSync(original);
const text = bytes.toString("utf8");

// TypeScript's Apache-2.0 notice leads the file: the copy must lead with it too.
const license = /^\/\*![\s\S]*?\*\//.exec(text)?.[0];
if (!license || !license.includes("Apache License")) throw new Error(`${original} no longer starts with its license notice`);

const { code } = await transform(text, { loader: "js", format: "cjs", platform: "node", target: "node20", minify: true, legalComments: "none", charset: "ascii" });
const minified = `${license}\n${code}`;
// The loader decodes the copy as latin1 without looking (engine/typescript-code-cache.ts): it must be ASCII.
if (!isAscii(Buffer.from(minified))) throw new Error("the minified TypeScript is not ASCII");

const manifest = {
  typescript: version,
  originalBytes: bytes.length,
  // Recorded for a reader (and the tests); the loader checks only the version and the size, as the code cache's key does.
  originalSha256: createHash("sha256").update(bytes).digest("hex"),
  minifiedBytes: Buffer.byteLength(minified),
  esbuild: esbuildVersion,
};

// Built beside, then swapped in: a reader never finds a copy without its manifest or the reverse.
const staging = `${OUT}.${process.pid}.tmp`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
writeFileSync(path.join(staging, "typescript.js"), minified);
manifest.codeCache = shipCodeCache(path.join(staging, "typescript.js"), path.join(staging, "typescript.v8cache"));
writeFileSync(path.join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(path.dirname(path.resolve(OUT)), { recursive: true });
renameSync(staging, OUT);
console.log(`${OUT}: typescript ${version}, ${bytes.length} -> ${manifest.minifiedBytes} bytes${manifest.codeCache ? `, V8 code cache for node ${manifest.codeCache.node}` : ", no code cache"}`);

/**
 * A V8 code cache of the copy, made by this Node (a fresh process without NODE_OPTIONS, as the CLI
 * runs): a review without a cache folder (--no-cache, a CI job's first run) then deserializes
 * TypeScript instead of compiling it. The copy is compiled exactly as the worker compiles it
 * (engine/typescript-code-cache.ts: Module.wrap of the text) and run through what a review uses
 * (the scanner, the parser, the tsconfig reader), so the cache holds those functions too. The
 * worker uses it only under the same Node version and V8 flag tag; the file leads with its SHA-256.
 * Returns the manifest's record of it, or null when it could not be made (the worker then compiles).
 */
function shipCodeCache(copy, out) {
  const script = `
    const { readFileSync, writeFileSync } = require("node:fs");
    const { Module, createRequire } = require("node:module");
    const { createHash } = require("node:crypto");
    const vm = require("node:vm");
    const { cachedDataVersionTag } = require("node:v8");
    const [copy, out, real] = process.argv.slice(1);
    const script = new vm.Script(Module.wrap(readFileSync(copy, "latin1")), { filename: real });
    const m = { exports: {} };
    script.runInThisContext().call(m.exports, m.exports, createRequire(real), m, real, require("node:path").dirname(real));
    const ts = m.exports;
    const text = ["/// <reference types='node' />", "import { a } from './a';", "export class C { m(x: number) { return x > 1 && a ? [x] : [] } }", "const r = require('b');", ""].join("\\n");
    ts.createSourceFile("c.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS).statements.length;
    ts.createSourceFile("c.tsx", "export const e = <div a={1}>{\`t\`}</div>;", ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    ts.preProcessFile(text, false, false);
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
    while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken);
    const host = { useCaseSensitiveFileNames: true, readDirectory: () => [], fileExists: () => false, readFile: () => undefined };
    ts.parseJsonConfigFileContent(ts.parseConfigFileTextToJson("tsconfig.json", '{"compilerOptions":{"baseUrl":".","paths":{"@x/*":["src/*"]}}}').config, host, "/p");
    const data = script.createCachedData();
    writeFileSync(out, Buffer.concat([createHash("sha256").update(data).digest(), data]));
    console.log(JSON.stringify({ node: process.version, v8Tag: cachedDataVersionTag(), file: "typescript.v8cache" }));
  `;
  const run = spawnSync(process.execPath, ["-e", script, copy, out, original], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  if (run.status !== 0) {
    console.warn(`no V8 code cache for the minified TypeScript: ${run.stderr.trim().split("\n").filter((l) => !l.startsWith("    at ")).slice(-3).join(" ")}`);
    return null;
  }
  return JSON.parse(run.stdout.trim());
}
