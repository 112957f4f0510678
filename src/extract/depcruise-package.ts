// Where the installed dependency-cruiser lives, its internal modules and its compiled configuration
// schema. Its `exports` do not expose them (STACK.md pitfall 16): they are loaded by file URL from the
// package folder (or a bundle's copy: .ci/depcruise-table.mjs), which is why the version is pinned (~17.4) and checked here.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DepcruiseSchemaValidator } from "../config/depcruise-schema.js";
import { importEsm } from "./esm-import.js";

/** The versions whose internal file layout archreview relies on. */
const SUPPORTED_VERSION = /^17\.4\./;

const NOT_INSTALLED = "dependency-cruiser is not installed next to archreview";

let packageDir: string | null = null;
let packageVersion: string | null = null;

/** The folder of the dependency-cruiser package archreview runs with (Node's lookup: node_modules of each ancestor). */
export function depcruisePackageDir(): string {
  const dir = installedDepcruiseDir();
  if (dir === null) throw new Error(NOT_INSTALLED);
  return dir;
}

/** depcruisePackageDir, or null when no dependency-cruiser is installed (the GitHub Action's bundle runs without node_modules). */
function installedDepcruiseDir(): string | null {
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
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The installed dependency-cruiser's version (checked by depcruisePackageDir). */
export function depcruiseVersion(): string {
  depcruisePackageDir();
  return packageVersion as string;
}

/**
 * What of dependency-cruiser a bundle carries (.ci/depcruise-table.mjs, for the review worker's bundle
 * and the GitHub Action's): the version it was taken from, one loader per internal module under its
 * src/ (evaluated on first call), and the text of its configs/ (the presets, read as data). The bundle
 * sets it on globalThis under this key before its own code runs.
 */
export const INLINED_DEPCRUISE_MODULES = Symbol.for("archreview.depcruise-modules");

export interface InlinedDepcruiseModules {
  version: string;
  modules: Record<string, () => Record<string, unknown>>;
  /** configs/ files by their path under it ("recommended.cjs", "rules/..."). */
  configs?: Record<string, string>;
}

const inlinedDepcruise = (): InlinedDepcruiseModules | undefined => (globalThis as { [INLINED_DEPCRUISE_MODULES]?: InlinedDepcruiseModules })[INLINED_DEPCRUISE_MODULES];

/** The bundle's copy, when it may stand for the package: no package is installed, or the installed one is the copy's version. */
function usableCopy(): InlinedDepcruiseModules | null {
  const inlined = inlinedDepcruise();
  if (inlined === undefined) return null;
  return installedDepcruiseDir() === null || inlined.version === packageVersion ? inlined : null;
}

/**
 * One of dependency-cruiser's internal ES modules, by its file under src/ ("schema/configuration.validate.mjs"):
 * the bundle's copy when it may stand for the package (in the code-cached worker bundle, 16 of them load
 * in about a fifth of the time Node's ES module loader takes; the Action has no node_modules at all),
 * else imported from the package folder.
 */
export async function importDepcruiseModule(file: string): Promise<Record<string, unknown>> {
  const copy = usableCopy();
  const load = copy && Object.hasOwn(copy.modules, file) ? copy.modules[file] : undefined;
  return load ? load() : importEsm<Record<string, unknown>>(pathToFileURL(path.join(depcruisePackageDir(), "src", file)).href);
}

/**
 * dependency-cruiser's configs/ folder for reading its presets as data: the installed package's, else
 * the bundle's copy under a folder name no file system has (`read` takes paths inside it).
 */
export function depcruiseConfigs(): { dir: string; read(file: string): string } {
  const installed = installedDepcruiseDir();
  if (installed !== null) return { dir: path.join(installed, "configs"), read: (file) => readFileSync(file, "utf8") };
  const copied = inlinedDepcruise()?.configs;
  if (copied === undefined) throw new Error(NOT_INSTALLED);
  const dir = path.join(path.parse(process.cwd()).root, "archreview-bundled", "dependency-cruiser", "configs");
  return {
    dir,
    read(file) {
      const name = path.relative(dir, file).split(path.sep).join("/");
      if (!Object.hasOwn(copied, name)) throw new Error(`dependency-cruiser's configs/${name} is not in this bundle`);
      return copied[name] as string;
    },
  };
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
