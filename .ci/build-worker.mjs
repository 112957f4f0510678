// Bundles the compiled review worker (dist/engine/review-worker.js, after tsc) with the modules it
// loads, statically and by dynamic import(), into one CommonJS file, dist/engine/worker-bundle/review-worker.cjs,
// and the file that starts it (engine/review-worker-start.ts, bundled as worker-bundle/review-worker.js):
// a worker that compiles one script from a V8 code cache (engine/worker-code-cache.ts) starts and runs
// sooner than one that resolves, links and lazily compiles ~100 ES modules (Node 20 gives no code cache to those).
// The installed packages stay external (loaded by name from node_modules at run time), except the
// pure ones listed in INLINED: TypeScript must stay a createRequire of "typescript" for its own V8 code
// cache (engine/typescript-code-cache.ts). dependency-cruiser's cruise (which resolves with its own
// enhanced-resolve) never runs in the worker; the internal modules the worker imports from its src/
// (engine/depcruise-internals.ts, its configuration schema: 36 ES modules, no other package) are
// copied in, each behind a lazy require, under the installed version (.ci/depcruise-table.mjs;
// extract/depcruise-package.ts importDepcruiseModule uses them only for that version): Node's ES
// module loader took 50-70 ms for them in a worker, the code-cached bundle's copy 7-12 ms (its
// presets are not copied: the installed package's are read). Every import() left in the bundle goes through
// extract/esm-import.ts (cached code has no loader of its own for it): the build fails on any other.
// The resolver family (enhanced-resolve, tsconfig-paths-webpack-plugin, tsconfig-paths and what they
// require) is inlined as a whole: a warm review's derive step otherwise reads and compiles ~90
// CommonJS files of it, on the critical path. Whole, so the plugin and our extract/tree-tsconfig-paths.ts
// (static imports) share one copy of tsconfig-paths; its caches are per resolver or file system object
// (WeakMaps), none shared across copies, so a copy elsewhere (dependency-cruiser's) changes no answer.
// engine/worker-limits.ts (workerScript) starts the bundle when it is newer than the compiled worker.
// Usage: node .ci/build-worker.mjs   (run by `npm run build` and `prepare`, after tsc)
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { build } from "esbuild";
import { checkDepcruiseInputs, depcruiseTable, depcruiseTablePlugin } from "./depcruise-table.mjs";

const ENTRY = "dist/engine/review-worker.js";
const START = "dist/engine/review-worker-start.js";
const OUT = "dist/engine/worker-bundle";
const RESOLVER_FAMILY = [
  "enhanced-resolve", "graceful-fs", "tapable", // enhanced-resolve and its dependencies
  "tsconfig-paths-webpack-plugin", "chalk", "ansi-styles", "color-convert", "color-name", "supports-color", "has-flag", // the plugin, its logger's colours
  "tsconfig-paths", "json5", "minimist", "strip-bom", // tsconfig-paths and its dependencies
];
/** Packages copied into the bundle: pure, and loaded by nothing else in the worker by name. */
const INLINED = new Set(["yaml", "picomatch", ...RESOLVER_FAMILY]);
/** The plugin's branch for webpack < 4 requires this file, absent from enhanced-resolve 5: never reached, left a require. */
const UNREACHED = ["enhanced-resolve/lib/createInnerCallback"];

for (const file of [ENTRY, START]) if (!existsSync(file)) throw new Error(`${file} is missing: run tsc -p tsconfig.json first`);
const table = await depcruiseTable({ withConfigs: false });
const { dependencies } = JSON.parse(readFileSync("package.json", "utf8"));
// Every dependency not inlined, and the heavy packages the engine may name even when not a dependency.
const heavy = ["typescript", "dependency-cruiser", "ioredis", "bullmq", "probot", "ts-morph", "@ts-morph/common"];
const external = [...new Set([...Object.keys(dependencies), ...heavy])].filter((name) => !INLINED.has(name)).flatMap((name) => [name, `${name}/*`]).concat(UNREACHED);

// import.meta.url of the bundled modules (they locate TypeScript's minified copy, dependency-cruiser's folder) is the bundle's own URL.
const IMPORT_META_URL = "__archreviewImportMetaUrl";
const banner = `var ${IMPORT_META_URL} = require("node:url").pathToFileURL(__filename).href;`;

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  // The table first, then the worker (ES module imports run in order).
  stdin: { contents: `import "archreview:depcruise-modules";\nimport ${JSON.stringify(path.resolve(ENTRY))};\n`, resolveDir: process.cwd(), sourcefile: "review-worker-entry.js" },
  outfile: path.join(OUT, "review-worker.cjs"),
  plugins: [depcruiseTablePlugin(table)],
  bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning", metafile: true, external,
  define: { "import.meta.url": IMPORT_META_URL }, banner: { js: banner },
}).catch(() => process.exit(1));
await build({
  entryPoints: [START], outfile: path.join(OUT, "review-worker.js"),
  bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning", external: ["typescript"],
}).catch(() => process.exit(1));

// An import() in code compiled with cached data has no loader in Node 20: the worker's must go through
// extract/esm-import.ts, whose hook the start file sets (a test runs dependency-cruiser's rules from the cache).
const dynamic = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === "dynamic-import").map((i) => i.path));
if (dynamic.length > 0) throw new Error(`review-worker.cjs imports ${dynamic.join(", ")} with import(): use importEsm (src/extract/esm-import.ts)`);

const inputs = Object.keys(result.metafile.inputs);
const packages = [...new Set(inputs.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1]).filter(Boolean))].sort();
const stray = packages.filter((name) => !INLINED.has(name) && name !== "dependency-cruiser");
const depcruiseInputs = checkDepcruiseInputs(table, inputs);
if (stray.length > 0) throw new Error(`packages inlined that must stay external: ${stray.join(", ")}`);
// What went in, for a reader of dist (and the tests): the inlined packages and the external ones the bundle requires.
const builtin = (name) => name.startsWith("node:") || builtinModules.includes(name);
const imported = new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !builtin(i.path)).map((i) => i.path)));
const depcruise = { version: table.version, files: table.files, modules: depcruiseInputs.length };
writeFileSync(path.join(OUT, "manifest.json"), `${JSON.stringify({ entry: ENTRY, inlined: packages, external: [...imported].sort(), depcruise }, null, 1)}\n`);
console.log(`${OUT}: review-worker.cjs from ${Object.keys(result.metafile.inputs).length} modules (inlined: ${packages.join(", ") || "none"})`);
