// Everything the benchmark and the load check create outside the repository (temp dirs, git
// worktrees, process groups, servers) is registered here and removed at the end, on failure, and on
// Ctrl-C / SIGTERM. Cleanup steps are synchronous so they can run from a signal handler and from
// process.on("exit"), newest first (worktrees before their dirs).
import { execFileSync } from "node:child_process";
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
      process.stderr.write(`cleanup step failed: ${String(error?.message ?? error).split("\n")[0]}\n`);
    }
  }
}

/** A fresh temp dir, removed at cleanup. realpath: git and tools print resolved paths. */
export function tempDir(prefix) {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * `git worktree add --detach dir ref` in `repo`, undone at cleanup (worktree remove, then prune,
 * so the repository keeps no record of it). Returns a function that removes it earlier.
 */
export function addWorktree(repo, dir, ref) {
  const git = (...args) => execFileSync("git", ["-C", repo, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  git("worktree", "add", "--detach", "--quiet", dir, ref);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    try {
      git("worktree", "remove", "--force", dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      git("worktree", "prune");
    }
  };
  onCleanup(remove);
  return remove;
}

/** Stops `children` (still-running measured processes) and cleans up when the user interrupts. */
export function cleanUpOnSignals(children = []) {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      for (const child of children) child.kill("SIGKILL");
      process.stderr.write(`\n${signal}: cleaning up\n`);
      cleanupAll();
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
  process.on("exit", cleanupAll);
}
