#!/usr/bin/env node
// The `archreview` executable: process wiring only.
// The analysis runs in a worker thread with the App's time and heap limits (--timeout, --max-memory);
// a stopping signal kills git, removes the scratch folders and exits 128 + the signal's number.
import { reviewInWorker, removeScratchDirsOnSignals, standbyReviewWorker, type StandbyWorker } from "../engine/index.js";
import { stopGitProcesses } from "../git/git.js";
import { runCli } from "./run.js";

removeScratchDirsOnSignals({ beforeRemove: () => stopGitProcesses() });

// Started as soon as the arguments ask for a review: the worker boots and loads the engine while git runs here.
let standby: StandbyWorker | null = null;
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  prepareAnalysis: (limits) => (standby ??= standbyReviewWorker(limits)),
  analyse: (request, limits, onProgress) => reviewInWorker(request, limits, undefined, onProgress, standby),
});
