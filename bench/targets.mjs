// What to benchmark: a freshly generated monorepo with its three change branches, or refs of a
// local repository (`--repo`). Either way: a repository, one base, and the changes to review.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { CHANGE_SIZES, generateMonorepo } from "./generate.mjs";
import { changedFileCount, git } from "./lib/git.mjs";

export function generatedTarget(scratch, { modules, seed }) {
  const started = performance.now();
  const info = generateMonorepo(path.join(scratch, "monorepo"), { modules, seed });
  const generateMs = performance.now() - started;
  return {
    mode: "generated",
    repo: info.dir,
    base: "main",
    srcDirs: ["packages"],
    cases: CHANGE_SIZES.map((n) => ({ change: `change-${n}`, head: `change-${n}`, filesChanged: n, expect: info.changes.find((c) => c.branch === `change-${n}`) })),
    generated: { ms: Math.round(generateMs), modules: info.modules, packages: info.packages, imports: info.imports, cycles: info.cycles, changes: info.changes },
  };
}

export function repoTarget({ repo, base, head, src }) {
  let top;
  try {
    top = execFileSync("git", ["-C", path.resolve(repo), "rev-parse", "--show-toplevel"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    throw new Error(`${repo} is not a git repository`);
  }
  for (const ref of [base, head]) {
    try {
      git(top, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    } catch {
      throw new Error(`unknown revision "${ref}" in ${top}`);
    }
  }
  // Default source dirs as a user would cruise them: src/ when the base has one, else everything.
  let srcDirs = src;
  if (srcDirs.length === 0) {
    let hasSrc = false;
    try {
      hasSrc = git(top, ["cat-file", "-t", `${base}:src`]).trim() === "tree";
    } catch {
      hasSrc = false;
    }
    srcDirs = [hasSrc ? "src" : "."];
  }
  return {
    mode: "repo",
    repo: top,
    base,
    srcDirs,
    cases: [{ change: `${base}..${head}`, head, filesChanged: changedFileCount(top, base, head), expect: null }],
    generated: null,
  };
}
