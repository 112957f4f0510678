// What of dependency-cruiser a bundle carries (src/extract/depcruise-package.ts INLINED_DEPCRUISE_MODULES):
// its internal modules the engine imports (engine/depcruise-internals.ts, its configuration schema), each
// behind a lazy require esbuild inlines, and the text of its configs/ (the presets, read as data). The
// review worker's bundle (.ci/build-worker.mjs) uses the modules for speed; the GitHub Action's bundle
// (.ci/build-action.mjs) needs both, since a runner has no node_modules. Reads the lists from dist/
// (run `tsc -p tsconfig.json` first).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const COMPILED = ["dist/extract/depcruise-package.js", "dist/engine/depcruise-internals.js"];

/**
 * The table's module source, and what it holds (for the build's checks and manifest). `withConfigs`:
 * also the text of configs/, which only a bundle run without node_modules reads (the Action's): the
 * review worker's bundle always has the installed package beside it, and would only parse it for nothing.
 */
export async function depcruiseTable({ withConfigs }) {
  for (const file of COMPILED) if (!existsSync(file)) throw new Error(`${file} is missing: run tsc -p tsconfig.json first`);
  const { DEPCRUISE_SCHEMA_FILE, INLINED_DEPCRUISE_MODULES, depcruisePackageDir, depcruiseVersion } = await import(pathToFileURL(path.resolve(COMPILED[0])).href);
  const { DEPCRUISE_INTERNAL_FILES } = await import(pathToFileURL(path.resolve(COMPILED[1])).href);
  const files = [...DEPCRUISE_INTERNAL_FILES.map(([file]) => file), DEPCRUISE_SCHEMA_FILE];
  const dir = depcruisePackageDir();
  const configsDir = path.join(dir, "configs");
  const configs = withConfigs ? Object.fromEntries(filesUnder(configsDir).map((file) => [file, readFileSync(path.join(configsDir, file), "utf8")])) : null;
  const source = `globalThis[Symbol.for(${JSON.stringify(INLINED_DEPCRUISE_MODULES.description)})] = {
  version: ${JSON.stringify(depcruiseVersion())},
  modules: {
${files.map((file) => `    ${JSON.stringify(file)}: () => require(${JSON.stringify(path.join(dir, "src", file))}),`).join("\n")}
  },
${configs ? `  configs: ${JSON.stringify(configs)},\n` : ""}};
`;
  return { source, files, version: depcruiseVersion(), configs: Object.keys(configs ?? {}) };
}

/** Regular files under `dir`, as POSIX paths relative to it, sorted. */
function filesUnder(dir, prefix = "") {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
    });
}

/** An esbuild plugin resolving `archreview:depcruise-modules` to the table. */
export function depcruiseTablePlugin(table) {
  return {
    name: "depcruise-modules",
    setup(on) {
      on.onResolve({ filter: /^archreview:depcruise-modules$/ }, () => ({ path: "depcruise-modules", namespace: "archreview" }));
      on.onLoad({ filter: /.*/, namespace: "archreview" }, () => ({ contents: table.source, loader: "js", resolveDir: process.cwd() }));
    },
  };
}

/** Fails unless every file of the table is among the bundle's inputs, and nothing of dependency-cruiser outside its src/ is. */
export function checkDepcruiseInputs(table, inputs) {
  const depcruiseInputs = inputs.filter((p) => p.includes("node_modules/dependency-cruiser/"));
  const stray = depcruiseInputs.filter((p) => !/node_modules\/dependency-cruiser\/src\//.test(p));
  if (stray.length > 0) throw new Error(`dependency-cruiser files inlined outside its src/: ${stray.join(", ")}`);
  const missing = table.files.filter((file) => !depcruiseInputs.some((p) => p.endsWith(`node_modules/dependency-cruiser/src/${file}`)));
  if (missing.length > 0) throw new Error(`dependency-cruiser modules missing from the bundle: ${missing.join(", ")}`);
  return depcruiseInputs;
}
