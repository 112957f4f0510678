// Which app was measured: the commit, and the source files that differed from it (other work in
// progress gets built by `npm run loadtest` too). Read-only git commands; "unknown" outside git.
import { execFileSync } from "node:child_process";

function git(repoRoot, args) {
  try {
    // Not trimmed: porcelain lines start with a status column that may be a space.
    return execFileSync("git", ["-C", repoRoot, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

export function appVersion(repoRoot) {
  const commit = git(repoRoot, ["rev-parse", "HEAD"]);
  const status = git(repoRoot, ["status", "--porcelain", "--", "src"]);
  return {
    commit: commit?.trim() ?? "unknown",
    modifiedSources: status === null ? "unknown" : status.split("\n").filter(Boolean).map((line) => line.slice(3)),
  };
}
