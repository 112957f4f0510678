// Bundles the GitHub Action (action.yml runs .github/action/main.js with no install step): the entry
// and the engine's two worker scripts, which it starts as siblings of itself. Records what went in
// (.github/action/inputs.json: every bundled file and one hash of their contents) so that
// test/action/bundle.test.ts fails when the committed bundle no longer matches the sources.
// Usage: node .ci/build-action.mjs   (esbuild from node_modules/.bin, or the ESBUILD variable)
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bundleInputsHash } from "./action-inputs.mjs";

const OUT = ".github/action";
const esbuild = process.env.ESBUILD ?? path.resolve("node_modules/.bin/esbuild");
const banner = [
  // The bundle is ESM; the CommonJS packages inside it (TypeScript, dependency-cruiser's helpers) still call require and read __filename.
  "import { createRequire as __archreviewRequire } from 'node:module';",
  "import { fileURLToPath as __archreviewPath } from 'node:url';",
  "import { dirname as __archreviewDir } from 'node:path';",
  "const require = __archreviewRequire(import.meta.url);",
  "const __filename = __archreviewPath(import.meta.url);",
  "const __dirname = __archreviewDir(__filename);",
].join(" ");
const meta = path.join(OUT, "meta.json");
rmSync(OUT, { recursive: true, force: true });
const result = spawnSync(esbuild, [
  "src/github/action/main.ts", "src/engine/review-worker.ts", "src/engine/config-worker.ts",
  "--bundle", "--platform=node", "--format=esm", "--target=node20", `--outdir=${OUT}`, "--entry-names=[name]",
  "--minify-whitespace", "--minify-syntax", "--legal-comments=none", "--log-level=warning", `--metafile=${meta}`,
  // Required only by a webpack code path tsconfig-paths-webpack-plugin never takes for dependency-cruiser.
  "--external:enhanced-resolve/lib/createInnerCallback",
  `--banner:js=${banner}`,
], { stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
const inputs = Object.keys(JSON.parse(readFileSync(meta, "utf8")).inputs).map((p) => p.replace(/^.*?node_modules\//, "node_modules/")).sort();
rmSync(meta);
writeFileSync(path.join(OUT, "inputs.json"), `${JSON.stringify({ hash: bundleInputsHash(inputs), inputs }, null, 1)}\n`);
console.log(`${OUT}: ${inputs.length} files bundled`);
