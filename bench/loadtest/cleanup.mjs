// Everything the load check starts or creates (temp dirs, the app's process group, servers) is
// registered here and undone at the end, on failure, and on Ctrl-C / SIGTERM. Steps are
// synchronous so they can run from a signal handler and from process.on("exit"); newest first.
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const steps = [];
let cleaned = false;

export function onCleanup(step) {
  steps.push(step);
}

export function cleanupAll() {
  if (cleaned) return;
  cleaned = true;
  while (steps.length > 0) {
    const step = steps.pop();
    try {
      step();
    } catch (error) {
      process.stderr.write(`loadtest: cleanup step failed: ${String(error?.message ?? error).split("\n")[0]}\n`);
    }
  }
}

/** A fresh temp dir, removed at cleanup. realpath: git prints resolved paths. */
export function tempDir(prefix) {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Kills a detached child's whole process group (the app and anything it spawned), ignoring "already gone". */
export function killGroup(pid, signal = "SIGKILL") {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== "ESRCH") throw error;
  }
}

/** Ctrl-C and friends clean up too; a plain exit (even a crash) runs the same steps. */
export function cleanUpOnSignals() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      process.stderr.write(`\nloadtest: ${signal}, cleaning up\n`);
      cleanupAll();
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
  process.on("exit", cleanupAll);
}
