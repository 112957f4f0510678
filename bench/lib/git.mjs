// git for the benchmark's own throw-away repositories and worktrees. Fixed identity and dates
// make the generated commits (and so their shas) identical on every run; hooks and signing of
// the user's global config are switched off so they cannot slow down or break generation.
import { execFileSync } from "node:child_process";

const FIXED = {
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@example.invalid",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@example.invalid",
  GIT_AUTHOR_DATE: "2024-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2024-01-01T00:00:00Z",
};

export function git(cwd, args, { input } = {}) {
  return execFileSync("git", ["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    input,
    env: { ...process.env, ...FIXED, GIT_TERMINAL_PROMPT: "0" },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Number of files git reports as changed between two refs (a rename counts once). */
export function changedFileCount(cwd, base, head) {
  return git(cwd, ["diff", "--name-status", "-M", "-z", base, head])
    .split("\0")
    .filter((p) => /^[A-Z]\d*$/.test(p)).length;
}
