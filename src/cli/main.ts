#!/usr/bin/env node
// The `archreview` executable: process wiring only.
// The analysis runs in a worker thread with the App's time and heap limits (--timeout, --max-memory);
// a stopping signal kills git, removes the scratch folders and exits 128 + the signal's number.
import { reviewInWorker, removeScratchDirsOnSignals } from "../engine/index.js";
import { stopGitProcesses } from "../git/git.js";
import { runCli } from "./run.js";

removeScratchDirsOnSignals({ beforeRemove: () => stopGitProcesses() });

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  analyse: (request, limits, onProgress) => reviewInWorker(request, limits, undefined, onProgress),
});
