// `npm run bench`: archreview versus the naive approach (dependency-cruiser's CLI on the whole base
// tree and the whole head tree), on the same trees in one run. Prints a table and writes the
// results to bench/results/. Never part of `npm test`: it takes minutes.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cliFeatures, runArchreview } from "./archreview.mjs";
import { USAGE, parseBenchArgs } from "./args.mjs";
import { archreviewBuild } from "./build-snapshot.mjs";
import { addWorktree, cleanUpOnSignals, cleanupAll, tempDir } from "./cleanup.mjs";
import { machineInfo } from "./machine.mjs";
import { running } from "./measure.mjs";
import { measureStartup } from "./startup.mjs";
import { writeDepcruiseConfigs } from "./depcruise-config.mjs";
import { DEPCRUISE, runDepcruise } from "./naive.mjs";
import { buildNotes } from "./notes.mjs";
import { writeResults } from "./results.mjs";
import { median, ratio } from "./stats.mjs";
import { formatMachine, formatTable, seconds } from "./table.mjs";
import { generatedTarget, repoTarget } from "./targets.mjs";

const log = (text) => process.stderr.write(`bench: ${text}\n`);
const mb = (v) => (v === null ? "n/a" : `${v.toFixed(0)} MB`);

/** Warm mode: a fresh cache filled by reviewing base against itself, then the timed review reuses it. */
async function warmRun(build, target, c, scratch, n) {
  const cacheDir = path.join(scratch, `cache-${c.head}-${n}`.replace(/[^\w.-]/g, "_"));
  mkdirSync(cacheDir);
  const run = (head) => runArchreview({ ...build, repo: target.repo, base: target.base, head, scratchDir: scratch, cacheDir, configFile: target.configs?.archreview ?? null });
  try {
    await run(target.base);
    return await run(c.head);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function summarize(runs) {
  return { medianMs: median(runs.map((r) => r.ms)), medianPeakRssMb: median(runs.map((r) => r.peakRssMb)), runs };
}

/** Did the review find what the generator planted? A benchmark of a broken review would be meaningless. */
function check(c, archreviewRuns) {
  if (!c.expect) return null;
  const found = archreviewRuns[0].found;
  const problems = [];
  if (found.newViolations < c.expect.wrongWay.length) problems.push(`expected >= ${c.expect.wrongWay.length} new violations, got ${found.newViolations}`);
  if (c.expect.cycle && found.newCycles < 1) problems.push("expected a new cycle, got none");
  return problems.length === 0 ? "ok" : problems.join("; ");
}

/**
 * One change, `runs` times: archreview cold, dependency-cruiser on the head tree (paired with the
 * base tree's run of the same index), and the warm review when the build supports it.
 */
async function measureChange({ build, target, c, baseRuns, runs, warm, scratch }) {
  const headTree = path.join(scratch, "tree-head");
  const removeHead = addWorktree(target.repo, headTree, c.head);
  const archreviewRuns = [];
  const naiveRuns = [];
  const warmRuns = [];
  for (let i = 0; i < runs; i++) {
    const a = await runArchreview({ ...build, repo: target.repo, base: target.base, head: c.head, scratchDir: scratch, configFile: target.configs?.archreview ?? null });
    archreviewRuns.push(a);
    const h = await runDepcruise({ treeDir: headTree, srcDirs: target.srcDirs, scratchDir: scratch, configFile: target.configs?.depcruise ?? null, dcDefaults: target.configs?.dcDefaults ?? false });
    const b = baseRuns[i];
    naiveRuns.push({ ms: b.ms + h.ms, peakRssMb: Math.max(b.peakRssMb ?? 0, h.peakRssMb ?? 0) || null, baseMs: b.ms, headMs: h.ms, base: b, head: h });
    let line = `${c.change} run ${i + 1}/${runs}: archreview ${seconds(a.ms)} ${mb(a.peakRssMb)}; naive ${seconds(b.ms + h.ms)} (head ${seconds(h.ms)}) ${mb(naiveRuns[i].peakRssMb)}`;
    if (warm) {
      warmRuns.push(await warmRun(build, target, c, scratch, i));
      line += `; warm ${seconds(warmRuns[i].ms)}`;
    }
    log(line);
  }
  removeHead();
  const archreview = summarize(archreviewRuns);
  const naive = summarize(naiveRuns);
  return {
    change: c.change,
    base: target.base,
    head: c.head,
    filesChanged: c.filesChanged,
    check: check(c, archreviewRuns),
    archreview,
    naive,
    warm: warm ? summarize(warmRuns) : null,
    ratios: { ms: ratio(archreview.medianMs, naive.medianMs), rss: ratio(archreview.medianPeakRssMb, naive.medianPeakRssMb) },
  };
}

async function bench(options) {
  const startedAt = new Date();
  if (!existsSync(DEPCRUISE)) throw new Error(`${DEPCRUISE} is missing: run npm ci`);
  const machine = machineInfo(DEPCRUISE);
  console.log(formatMachine(machine));
  // Other work on the machine skews timings: record the load next to them.
  const loadAtStart = os.loadavg()[0];
  const scratch = tempDir("archreview-bench-");
  const { cli, description } = archreviewBuild(scratch);
  const build = { cli, features: cliFeatures(cli) };
  const warm = build.features.cacheDir;
  log(`archreview build: ${description.source}${description.commit ? ` at ${description.commit.slice(0, 7)}` : ""}${description.builtAt ? `, built ${description.builtAt}` : ""}; cold runs ${build.features.noCache ? "with --no-cache" : "with an empty cache home"}`);

  const target = options.repo ? repoTarget(options) : generatedTarget(scratch, options);
  if (options.depcruiseConfig) {
    target.configs = writeDepcruiseConfigs(scratch, target.repo, target.base, { dcDefaults: options.dcDefaults });
    log(`dependency-cruiser rules for both sides: ${target.configs.depcruise} (archreview: ${target.configs.archreview})`);
  }
  if (target.generated) log(`generated ${target.generated.modules} modules in ${target.generated.packages} packages (${target.generated.imports} imports) in ${seconds(target.generated.ms)}`);

  // Every change shares one base commit: its tree is checked out and cruised once per run.
  const baseTree = path.join(scratch, "tree-base");
  const t = performance.now();
  addWorktree(target.repo, baseTree, target.base);
  const checkoutMs = Math.round(performance.now() - t);
  const baseRuns = [];
  for (let i = 0; i < options.runs; i++) {
    baseRuns.push(await runDepcruise({ treeDir: baseTree, srcDirs: target.srcDirs, scratchDir: scratch, configFile: target.configs?.depcruise ?? null, dcDefaults: target.configs?.dcDefaults ?? false }));
    log(`naive base tree run ${i + 1}/${options.runs}: ${seconds(baseRuns[i].ms)}, ${mb(baseRuns[i].peakRssMb)}`);
  }

  const startup = await measureStartup(cli, scratch);
  log(`start-up: archreview --help ${Math.round(startup.helpMs)} ms vs node -e 0 ${Math.round(startup.nodeMs)} ms (median of ${startup.times})`);

  const rows = [];
  for (const c of target.cases) rows.push(await measureChange({ build, target, c, baseRuns, runs: options.runs, warm, scratch }));

  const load = { atStart: loadAtStart, atEnd: os.loadavg()[0] };
  const notes = buildNotes({ target, rows, baseRuns, baseTree, checkoutMs, warm, load, machine, startup });
  console.log("");
  console.log(formatTable(rows, { warm }));
  console.log("");
  for (const n of notes) console.log(`- ${n}`);
  const totalMs = Date.now() - startedAt.getTime();
  console.log(`- whole benchmark: ${seconds(totalMs)} (${options.runs} run(s) each).`);

  const file = writeResults(
    {
      startedAt: startedAt.toISOString(),
      totalMs,
      machine,
      load,
      archreview: { ...description, features: build.features },
      options: { mode: target.mode, depcruiseConfig: options.depcruiseConfig, dcDefaults: options.dcDefaults, modules: target.generated ? options.modules : null, seed: target.generated ? options.seed : null, runs: options.runs, repo: options.repo, base: target.base, srcDirs: target.srcDirs },
      generated: target.generated,
      warmSupported: warm,
      naiveBase: summarize(baseRuns),
      startup,
      checkoutMs,
      rows,
      notes,
    },
    startedAt,
  );
  console.log(`- results: ${path.relative(process.cwd(), file)} (and bench/results/latest.json)`);
}

let options;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
} else {
  cleanUpOnSignals(running);
  try {
    await bench(options);
  } catch (error) {
    console.error(`bench: ${error.stack ?? error}`);
    process.exitCode = 1;
  } finally {
    cleanupAll();
  }
}
