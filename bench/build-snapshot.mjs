// The archreview build under test. dist/ is copied once at the start, so every run of one
// benchmark measures the same build even if dist/ is rebuilt meanwhile (others work in this
// repository). The copy resolves its dependencies through a link to our node_modules.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function commitOf(dir) {
  try {
    return execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/**
 * Returns { cli, description }: BENCH_ARCHREVIEW_CLI when set (another build, used as is),
 * else a snapshot of this repository's dist/ under `scratch`.
 */
export function archreviewBuild(scratch) {
  if (process.env.BENCH_ARCHREVIEW_CLI) {
    const cli = path.resolve(process.env.BENCH_ARCHREVIEW_CLI);
    return { cli, description: { source: cli, commit: null, builtAt: null } };
  }
  const dist = path.join(ROOT, "dist");
  const main = path.join(dist, "cli/main.js");
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build`);
  const copy = path.join(scratch, "archreview-build");
  // Timestamps kept: the CLI starts the worker bundle only when it is no older than the compiled worker (engine/worker-limits.ts).
  cpSync(dist, path.join(copy, "dist"), { recursive: true, preserveTimestamps: true });
  cpSync(path.join(ROOT, "package.json"), path.join(copy, "package.json")); // "type": "module"
  symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
  return {
    cli: path.join(copy, "dist/cli/main.js"),
    // The commit dist/ was most likely built from (uncommitted edits cannot be told apart here).
    description: { source: "dist/", commit: commitOf(ROOT), builtAt: statSync(main).mtime.toISOString() },
  };
}
