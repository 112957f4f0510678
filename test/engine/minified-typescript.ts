// A minified copy of the installed typescript.js, built by the project's own build step
// (.ci/build-typescript.mjs --out DIR) into a test's scratch folder: the tests of the loader and of
// its parity do not depend on dist/engine/typescript-min being fresh.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface MinifiedManifest {
  typescript: string;
  originalBytes: number;
  originalSha256: string;
  minifiedBytes: number;
  /** The V8 code cache the build made of the copy, for this Node (null when it could not). */
  codeCache: { node: string; v8Tag: number; file: string } | null;
}

/** Builds the copy into `dir` (made by the build) and returns its manifest. */
export function buildMinifiedTypeScript(dir: string): MinifiedManifest {
  const run = spawnSync(process.execPath, [path.join(ROOT, ".ci/build-typescript.mjs"), "--out", dir], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  if (run.status !== 0) throw new Error(`build-typescript failed: ${run.stderr}`);
  return JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as MinifiedManifest;
}
