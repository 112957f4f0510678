// Where the installed dependency-cruiser lives, and its compiled configuration schema. Its
// `exports` do not expose the schema (STACK.md pitfall 16): it is loaded by file URL from the
// package folder, which is why the version is pinned (~17.4) and checked here.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DepcruiseSchemaValidator } from "../config/depcruise-schema.js";
import { importEsm } from "./esm-import.js";

/** The versions whose internal file layout archreview relies on. */
const SUPPORTED_VERSION = /^17\.4\./;

let packageDir: string | null = null;

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
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("dependency-cruiser is not installed next to archreview");
    dir = parent;
  }
}

let validator: Promise<DepcruiseSchemaValidator> | null = null;

/** dependency-cruiser's own compiled validator of `.dependency-cruiser.json` (its JSON schema), loaded once. */
export function loadDepcruiseSchema(): Promise<DepcruiseSchemaValidator> {
  validator ??= (async () => {
    const file = path.join(depcruisePackageDir(), "src", "schema", "configuration.validate.mjs");
    const loaded = await importEsm<{ validate?: unknown }>(pathToFileURL(file).href);
    if (typeof loaded.validate !== "function") throw new Error("dependency-cruiser's configuration schema moved: no validate() in configuration.validate.mjs");
    return loaded.validate as DepcruiseSchemaValidator;
  })();
  return validator;
}
