// The lines printed under the table: how to read it, and what the numbers do not show.
import { naiveCommand } from "./naive.mjs";
import { median } from "./stats.mjs";
import { seconds } from "./table.mjs";

/** Median time per progress stage over the runs, in the order archreview goes through them. */
function phaseSplit(runs) {
  const byStage = new Map();
  for (const run of runs) for (const p of run.phases ?? []) byStage.set(p.stage, [...(byStage.get(p.stage) ?? []), p.ms]);
  if (byStage.size === 0) return null;
  return [...byStage].map(([stage, values]) => `${stage} ${seconds(median(values))}`).join(", ");
}

export function buildNotes({ target, rows, baseRuns, baseTree, checkoutMs, warm, load, machine, startup }) {
  const notes = [
    "ratio = archreview / naive: below 1.00x archreview is faster (or leaner). Medians of the runs.",
    `naive = dependency-cruiser's CLI over the base tree plus over the head tree (times summed, peak RSS the larger of the two), in git worktrees checked out beforehand (${checkoutMs} ms for the base tree, not counted); archreview reads both trees from the repository's git objects itself, within its time.`,
    `naive command, in each tree: ${naiveCommand(baseTree, target.srcDirs, target.configs?.depcruise ?? null, target.configs?.dcDefaults ?? false)}`,
  ];
  if (target.configs) {
    const found = rows.map((r) => `${r.change}: archreview ${r.archreview.runs[0].found.newForbidden} new, naive ${r.naive.runs[0].base.violations} at base / ${r.naive.runs[0].head.violations} at head`).join("; ");
    notes.push(`--depcruise-config: both judge no-circular and not-to-test (bench/depcruise-config.mjs); archreview reads them as forbidden rules with --config; ${target.configs.dcDefaults ? "tsPreCompilationDeps unset on both sides (dependency-cruiser's default, false)" : "tsPreCompilationDeps true on both sides"}. dependency-cruiser violations: ${found}.`);
  }
  if (target.cases.length > 1) notes.push("the base tree is the same commit for every change: it is cruised once per run and that run is paired with each change's head run.");
  const unresolved = baseRuns[0].unresolved;
  if (unresolved > 0) {
    const why = target.generated
      ? "workspace packages resolve through node_modules, and nothing is installed (on purpose), so the naive graph lacks those edges; archreview resolves workspace imports to their source"
      : "the checked-out trees have no node_modules (nothing is installed, as archreview installs nothing either); unresolved npm packages are not edges between repository files in either tool";
    notes.push(`dependency-cruiser could not resolve ${unresolved} imports in the base tree (e.g. ${baseRuns[0].unresolvedSample.join(", ")}): ${why}.`);
  }
  notes.push(warm ? "cold = nothing cached (--no-cache, empty cache home); warm = a fresh --cache-dir filled by reviewing base against itself, then the timed review of the change reuses it." : "warm: not supported by this build (no --cache-dir in `archreview --help`).");
  if (startup) notes.push(`start-up: \`archreview --help\` ${Math.round(startup.helpMs)} ms against a bare \`node -e 0\` ${Math.round(startup.nodeMs)} ms = ${startup.ratio.toFixed(1)}x (medians of ${startup.times}, alternating; target 4x).`);
  for (const r of rows) {
    const engine = median(r.archreview.runs.map((run) => run.stats?.ms ?? null));
    const split = phaseSplit(r.archreview.runs);
    if (engine !== null || split) {
      notes.push(`archreview ${r.change} (medians): review engine ${engine === null ? "n/a" : seconds(engine)} of ${seconds(r.archreview.medianMs)} (stats.ms; the rest is process start, snapshots, rendering)${split ? `; by progress line: ${split}` : ""}.`);
    }
    if (r.check && r.check !== "ok") notes.push(`WARNING ${r.change}: the review did not find what the generator planted: ${r.check}`);
  }
  if (Math.max(load.atStart, load.atEnd) > machine.cores * 0.75) {
    notes.push(`the machine was busy (1-minute load ${load.atStart.toFixed(1)} at start, ${load.atEnd.toFixed(1)} at end, ${machine.cores} cores): timings are noisy.`);
  }
  return notes;
}
