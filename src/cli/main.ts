#!/usr/bin/env node
// The `archreview` executable: process wiring only.
// The analysis runs in a worker thread with the App's time and heap limits (--timeout, --max-memory);
// a stopping signal kills git, removes the scratch folders and exits 128 + the signal's number.
// Few static imports: a review's worker is spawned first (through the engine's light entry, standby.ts),
// then the rest of the CLI loads while it boots.
import { standbyReviewWorker, type StandbyWorker } from "../engine/standby.js";
import { analysisPlanOf } from "./args.js";

const argv = process.argv.slice(2);
const plan = analysisPlanOf(argv, process.env, process.cwd());
let standby: StandbyWorker | null = plan ? standbyReviewWorker(plan.limits, plan.cacheDir) : null;

// The command's first git question (one rev-parse) runs while the rest of the CLI loads, and a review's
// diff and head listing as soon as it has answered.
const { askedAhead, reviewQuestions } = await import("../git/asked-ahead.js");
const git = plan ? askedAhead(plan.revisions.query, plan.revisions.cwd, undefined, plan.revisions.compared ? reviewQuestions(plan.revisions.compared) : null) : undefined;

const { removeScratchDirsOnSignals, reviewInWorker } = await import("../engine/index.js");
const { stopGitProcesses } = await import("../git/git.js");
removeScratchDirsOnSignals({ beforeRemove: () => stopGitProcesses() });

const { runCli } = await import("./run.js");
process.exitCode = await runCli(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  ...(git ? { git } : {}),
  prepareAnalysis: (wanted, cacheDir) => (standby ??= standbyReviewWorker(wanted, cacheDir)),
  analyse: (request, wanted, onProgress) => reviewInWorker(request, wanted, undefined, onProgress, standby),
});

// The answer is written and every cache with it (the worker writes its caches before it replies, the
// scratch folders are gone): exit once stdout and stderr have taken what was written, rather than wait
// for the review worker's thread and heap to be torn down (about 30 ms of a warm review, median of 16).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
process.exit();
