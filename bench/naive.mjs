// The naive approach archreview is compared with: dependency-cruiser's CLI over the whole base
// tree and the whole head tree (each checked out as a git worktree), with the options archreview
// gives dependency-cruiser: no config, the root tsconfig for path aliases, type-only imports kept,
// node_modules not followed, JSON out. Diffing the two JSON outputs is left out: it is cheap.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build-snapshot.mjs";
import { measure } from "./measure.mjs";

export const DEPCRUISE = path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

/**
 * A root tsconfig extending a package (`@tsconfig/node20/tsconfig.json`) cannot be read in an
 * uninstalled tree: dependency-cruiser then stops with TS6053. The naive run goes without the
 * tsconfig there (it loses `paths` aliases only, which such repositories rarely declare at the root).
 */
function extendsMissingPackage(treeDir) {
  const text = readFileSync(path.join(treeDir, "tsconfig.json"), "utf8");
  const named = [...text.matchAll(/"extends"\s*:\s*(\[[^\]]*\]|"[^"]*")/g)].flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((n) => n[1]));
  return named.some((n) => !n.startsWith(".") && !n.startsWith("/") && !existsSync(path.join(treeDir, "node_modules", n)));
}

/** `configFile`: a dependency-cruiser config whose rules it judges (--depcruise-config), else none. */
export function depcruiseArgs(treeDir, srcDirs, configFile = null, dcDefaults = false) {
  // --dc-defaults: dependency-cruiser's own default (no pre-compilation dependencies), as the config leaves it.
  const args = [...(configFile ? ["--config", configFile] : ["--no-config"]), ...(dcDefaults ? [] : ["--ts-pre-compilation-deps"]), "--output-type", "json", "--progress", "none", "--do-not-follow", "(^|/)node_modules/"];
  if (existsSync(path.join(treeDir, "tsconfig.json")) && !extendsMissingPackage(treeDir)) args.push("--ts-config", "tsconfig.json");
  if (srcDirs.includes(".")) args.push("--exclude", "(^|/)node_modules/");
  return [...args, ...srcDirs];
}

/** One timed cruise of a tree; also counts what it could not resolve (workspace packages, say). */
export async function runDepcruise({ treeDir, srcDirs, scratchDir, configFile = null, dcDefaults = false }) {
  const r = await measure(DEPCRUISE, depcruiseArgs(treeDir, srcDirs, configFile, dcDefaults), { cwd: treeDir, scratchDir });
  // With rules, exit code = the number of error-severity violations (a finding, not a failure); a crash prints no JSON.
  if (r.code !== 0 && !(configFile && r.stdout.trimStart().startsWith("{"))) throw new Error(`dependency-cruiser exited ${r.code} in ${treeDir}: ${r.stderr.trim().split("\n").pop() ?? ""}`);
  const result = JSON.parse(r.stdout);
  const unresolved = result.modules.flatMap((m) => m.dependencies).filter((d) => d.couldNotResolve);
  return {
    ms: r.ms,
    peakRssMb: r.peakRssMb,
    modules: result.summary.totalCruised,
    dependencies: result.summary.totalDependenciesCruised,
    unresolved: unresolved.length,
    unresolvedSample: [...new Set(unresolved.map((d) => d.module))].sort().slice(0, 5),
    violations: result.summary.violations.length,
  };
}

/** The command line, for the record (run in each tree's directory). */
export function naiveCommand(treeDir, srcDirs, configFile = null, dcDefaults = false) {
  return `node ${path.relative(ROOT, DEPCRUISE)} ${depcruiseArgs(treeDir, srcDirs, configFile, dcDefaults).map((a) => (/[|()^]/.test(a) ? `"${a}"` : a)).join(" ")}`;
}
