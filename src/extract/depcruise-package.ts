// Where the installed dependency-cruiser lives, its internal modules and its compiled configuration
// schema. Its `exports` do not expose them (STACK.md pitfall 16): they are loaded by file URL from the
// package folder (or the worker bundle's copy), which is why the version is pinned (~17.4) and checked here.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DepcruiseSchemaValidator } from "../config/depcruise-schema.js";
import { importEsm } from "./esm-import.js";

/** The versions whose internal file layout archreview relies on. */
const SUPPORTED_VERSION = /^17\.4\./;

let packageDir: string | null = null;
let packageVersion: string | null = null;

/** The folder of the dependency-cruiser package archreview runs with (Node's lookup: node_modules of each ancestor). */
export function depcruisePackageDir(): string {
  if (packageDir !== null) return packageDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "node_modules", "dependency-cruiser");
    const manifest = path.join(candidate, "package.json");
    if (existsSync(manifest)) {
      const version = String((JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown }).version);
      if (!SUPPORTED_VERSION.test(version)) throw new Error(`dependency-cruiser ${version} is installed; archreview reads the internals of 17.4.x only`);
      packageDir = candidate;
      packageVersion = version;
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("dependency-cruiser is not installed next to archreview");
    dir = parent;
  }
}

/** The installed dependency-cruiser's version (checked by depcruisePackageDir). */
export function depcruiseVersion(): string {
  depcruisePackageDir();
  return packageVersion as string;
}

/**
 * dependency-cruiser's internal modules the review worker's bundle carries (.ci/build-worker.mjs):
 * the version they were taken from, and one loader per file under its src/ (evaluated on first call).
 * The bundle sets them on globalThis under this key before its own code runs.
 */
export const INLINED_DEPCRUISE_MODULES = Symbol.for("archreview.depcruise-modules");

export interface InlinedDepcruiseModules {
  version: string;
  modules: Record<string, () => Record<string, unknown>>;
}

/**
 * One of dependency-cruiser's internal ES modules, by its file under src/ ("schema/configuration.validate.mjs"):
 * the copy inlined into the worker bundle when it came from the installed version (in a code-cached
 * bundle, 16 of them load in about a fifth of the time Node's ES module loader takes), else imported
 * from the package folder.
 */
export async function importDepcruiseModule(file: string): Promise<Record<string, unknown>> {
  const dir = depcruisePackageDir();
  const inlined = (globalThis as { [INLINED_DEPCRUISE_MODULES]?: InlinedDepcruiseModules })[INLINED_DEPCRUISE_MODULES];
  const load = inlined?.version === packageVersion && Object.hasOwn(inlined.modules, file) ? inlined.modules[file] : undefined;
  return load ? load() : importEsm<Record<string, unknown>>(pathToFileURL(path.join(dir, "src", file)).href);
}

/** The file of dependency-cruiser's compiled configuration schema, under its src/. */
export const DEPCRUISE_SCHEMA_FILE = "schema/configuration.validate.mjs";

let validator: Promise<DepcruiseSchemaValidator> | null = null;

/** dependency-cruiser's own compiled validator of `.dependency-cruiser.json` (its JSON schema), loaded once. */
export function loadDepcruiseSchema(): Promise<DepcruiseSchemaValidator> {
  validator ??= (async () => {
    const loaded = (await importDepcruiseModule(DEPCRUISE_SCHEMA_FILE)) as { validate?: unknown };
    if (typeof loaded.validate !== "function") throw new Error("dependency-cruiser's configuration schema moved: no validate() in configuration.validate.mjs");
    return loaded.validate as DepcruiseSchemaValidator;
  })();
  return validator;
}
