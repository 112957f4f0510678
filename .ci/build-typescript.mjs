// Writes a minified copy of the installed typescript.js (same code: esbuild's minifier, no bundling)
// and a manifest of what it came from into dist/engine/typescript-min/. The review worker compiles
// the copy instead of typescript.js when the manifest names the installed TypeScript
// (engine/typescript-source.ts): 3.6 MB instead of 9.1 MB to read, decode and compile.
// Function names are not kept (keepNames): TypeScript uses them only in debug messages, and keeping
// them cost half of the load time the minification saves (measured: 145 vs 119 ms with a code cache).
// Usage: node .ci/build-typescript.mjs [--out DIR]   (run by `npm run build` and `prepare`, after the worker bundle)
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
writeFileSync(path.join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(path.dirname(path.resolve(OUT)), { recursive: true });
renameSync(staging, OUT);
console.log(`${OUT}: typescript ${version}, ${bytes.length} -> ${manifest.minifiedBytes} bytes`);
