// The contender under test: archreview's CLI on two refs of a repository, cold (nothing cached)
// or warm (a given cache directory).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { measure } from "./measure.mjs";

/** What this build's CLI accepts about caching, from its own --help. */
export function cliFeatures(cli) {
  let help = "";
  try {
    help = execFileSync(process.execPath, [cli, "--help"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    // an old or broken build: no cache options
  }
  return { cacheDir: help.includes("--cache-dir"), noCache: help.includes("--no-cache"), noMergeBase: help.includes("--no-merge-base") };
}

/**
 * Where the time went, from the progress lines archreview prints on stderr ("archreview: stage…"),
 * by arrival time: each stage lasts until the next line (the last one until exit). archreview is
 * quiet for its first second, so the first line arrives late and the time before it is its own entry.
 */
function phasesOf(lines, totalMs) {
  const stages = lines.filter((l) => /^archreview: .*…$/.test(l.text));
  if (stages.length === 0) return null;
  const phases = [{ stage: "before the first progress line", ms: stages[0].ms }];
  stages.forEach((l, i) => phases.push({ stage: l.text.replace(/^archreview: /, "").replace(/…$/, "").replace(/ [0-9a-f]{7}$/, ""), ms: (stages[i + 1]?.ms ?? Math.round(totalMs)) - l.ms }));
  return phases;
}

/**
 * One timed review. Cold: `--no-cache` when the build has it. Warm: `--cache-dir cacheDir`.
 * Either way the child gets a private, empty XDG_CACHE_HOME and TMPDIR under `scratchDir`, so no
 * default cache leaks in from (or into) ~/.cache, and an interrupted run leaves nothing behind.
 * Exit 1 only means the change has findings: the generated changes do.
 */
export async function runArchreview({ cli, features, repo, base, head, scratchDir, cacheDir = null, configFile = null }) {
  const home = mkdtempSync(path.join(scratchDir, "xdg-cache-"));
  try {
    // --no-merge-base: the naive side cruises the --base tree itself, so archreview compares the same
    // trees (in the generated repo the base is the head's ancestor and both agree anyway).
    const args = ["review", "--repo", repo, "--base", base, "--head", head, "--format", "json", ...(features.noMergeBase ? ["--no-merge-base"] : [])];
    if (configFile) args.push("--config", configFile);
    if (cacheDir) args.push("--cache-dir", cacheDir);
    else if (features.noCache) args.push("--no-cache");
    const r = await measure(cli, args, { cwd: repo, env: { TMPDIR: scratchDir, XDG_CACHE_HOME: home, NO_COLOR: "1" }, scratchDir });
    if (r.code !== 0 && r.code !== 1) throw new Error(`archreview exited ${r.code}: ${r.stderr.trim().split("\n").pop() ?? ""}`);
    const review = JSON.parse(r.stdout);
    return {
      ms: r.ms,
      peakRssMb: r.peakRssMb,
      code: r.code,
      stats: review.stats,
      phases: phasesOf(r.stderrLines, r.ms),
      found: {
        newViolations: review.newViolations.length,
        newForbidden: review.newViolations.filter((v) => v.kind === "forbidden").length,
        newCycles: review.newCycles.length,
        edgesAdded: review.edgesAdded.length,
        edgesRemoved: review.edgesRemoved.length,
        errors: review.counts.errors,
        warnings: review.counts.warnings,
      },
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
