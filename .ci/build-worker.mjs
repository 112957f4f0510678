// Bundles the compiled review worker (dist/engine/review-worker.js, after tsc) with the modules it
// loads, statically and by dynamic import() (split into chunks), into dist/engine/worker-bundle/:
// a worker that loads a few files starts sooner than one that resolves and links ~100 modules.
// The installed packages stay external (loaded by name from node_modules at run time), except the
// small pure ones listed in INLINED: TypeScript must stay a createRequire of "typescript" for its V8
// code cache (engine/typescript-code-cache.ts), dependency-cruiser's internals are loaded by file URL
// from its package folder, and tsconfig-paths is required both by the plugin and by our own code.
// engine/worker-limits.ts (workerScript) starts the bundle when it is newer than the compiled worker.
// Usage: node .ci/build-worker.mjs   (run by `npm run build` and `prepare`, after tsc)
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const ENTRY = "dist/engine/review-worker.js";
const OUT = "dist/engine/worker-bundle";
/** Packages copied into the bundle: small, pure, and loaded by nothing else by name. */
const INLINED = new Set(["yaml", "picomatch"]);

if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run tsc -p tsconfig.json first`);
const { dependencies } = JSON.parse(readFileSync("package.json", "utf8"));
// Every dependency not inlined, and the heavy packages the engine may name even when not a dependency.
const heavy = ["typescript", "dependency-cruiser", "enhanced-resolve", "ioredis", "bullmq", "probot", "ts-morph", "@ts-morph/common"];
const external = [...new Set([...Object.keys(dependencies).filter((name) => !INLINED.has(name)), ...heavy])].flatMap((name) => [name, `${name}/*`]);

// The chunks are ESM; an inlined CommonJS package may still call require (of node: built-ins).
const banner = "import { createRequire as __archreviewCreateRequire } from 'node:module'; const require = __archreviewCreateRequire(import.meta.url);";

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: [ENTRY],
  bundle: true, splitting: true, platform: "node", format: "esm", target: "node20", outdir: OUT,
  entryNames: "[name]", chunkNames: "chunk-[hash]", logLevel: "warning", metafile: true, external,
  banner: { js: banner },
}).catch(() => process.exit(1));

const packages = [...new Set(Object.keys(result.metafile.inputs).map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1]).filter(Boolean))].sort();
const stray = packages.filter((name) => !INLINED.has(name));
if (stray.length > 0) throw new Error(`packages inlined that must stay external: ${stray.join(", ")}`);
// What went in, for a reader of dist (and the tests): the inlined packages and the external ones the chunks import.
const builtin = (name) => name.startsWith("node:") || builtinModules.includes(name);
const imported = new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !builtin(i.path)).map((i) => i.path)));
writeFileSync(path.join(OUT, "manifest.json"), `${JSON.stringify({ entry: ENTRY, inlined: packages, external: [...imported].sort() }, null, 1)}\n`);
console.log(`${OUT}: ${Object.keys(result.metafile.outputs).length} files from ${Object.keys(result.metafile.inputs).length} modules (inlined: ${packages.join(", ") || "none"})`);
