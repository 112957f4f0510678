// The naive approach archreview is compared with: dependency-cruiser's CLI over the whole base
// tree and the whole head tree (each checked out as a git worktree), with the options archreview
// gives dependency-cruiser: no config, the root tsconfig for path aliases, type-only imports kept,
// node_modules not followed, JSON out. Diffing the two JSON outputs is left out: it is cheap.
import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./build-snapshot.mjs";
import { measure } from "./measure.mjs";

export const DEPCRUISE = path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

export function depcruiseArgs(treeDir, srcDirs) {
  const args = ["--no-config", "--ts-pre-compilation-deps", "--output-type", "json", "--progress", "none", "--do-not-follow", "(^|/)node_modules/"];
  if (existsSync(path.join(treeDir, "tsconfig.json"))) args.push("--ts-config", "tsconfig.json");
  if (srcDirs.includes(".")) args.push("--exclude", "(^|/)node_modules/");
  return [...args, ...srcDirs];
}

/** One timed cruise of a tree; also counts what it could not resolve (workspace packages, say). */
export async function runDepcruise({ treeDir, srcDirs, scratchDir }) {
  const r = await measure(DEPCRUISE, depcruiseArgs(treeDir, srcDirs), { cwd: treeDir, scratchDir });
  if (r.code !== 0) throw new Error(`dependency-cruiser exited ${r.code} in ${treeDir}: ${r.stderr.trim().split("\n").pop() ?? ""}`);
  const result = JSON.parse(r.stdout);
  const unresolved = result.modules.flatMap((m) => m.dependencies).filter((d) => d.couldNotResolve);
  return {
    ms: r.ms,
    peakRssMb: r.peakRssMb,
    modules: result.summary.totalCruised,
    dependencies: result.summary.totalDependenciesCruised,
    unresolved: unresolved.length,
    unresolvedSample: [...new Set(unresolved.map((d) => d.module))].sort().slice(0, 5),
  };
}

/** The command line, for the record (run in each tree's directory). */
export function naiveCommand(treeDir, srcDirs) {
  return `node ${path.relative(ROOT, DEPCRUISE)} ${depcruiseArgs(treeDir, srcDirs).map((a) => (/[|()^]/.test(a) ? `"${a}"` : a)).join(" ")}`;
}
