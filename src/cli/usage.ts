// What `archreview --help` and `--version` print.
import { readFile } from "node:fs/promises";
import { DEFAULT_ISOLATION_LIMITS } from "../engine/index.js";

export const USAGE = `Usage: archreview <command> [options]

Commands:
  init      write a starting .github/archreview.yml for this repository (init --help)
  check     what the configuration flags at one revision today (no diff)
  review    the architecture change between two revisions (what a pull request adds)

The rules live in .github/archreview.yml at the root of the repository (boundaries, rules,
cycles, limits). A first hour: \`archreview init\`, then \`archreview check\` to see what the
rules flag today, then \`archreview review --base main\` on a branch.

archreview check [--rev REF] [--repo DIR] [--format text|markdown|json|sarif] [--config FILE] [--progress]
  Applies the configuration of REF (default: HEAD) to REF itself: every violation, cycle and
  limit breach present there, grouped by rule with counts, and each boundary's file count.

archreview review --base REF [--head REF | --worktree] [--repo DIR] [--format text|markdown|json|sarif]
                  [--config FILE] [--cache-dir DIR | --no-cache] [--no-merge-base]
                  [--timeout SECONDS] [--max-memory MB] [--progress]
  Reviews the architecture change between two revisions of a local git repository:
  new boundary violations, new cycles, oversized files and complex functions, boundary
  changes with an ADR stub. Nothing in the working tree or index is touched.

  --base REF      the branch (tag, sha) the change is for; the review starts from the
                  merge base of --base and --head, as \`git diff BASE...HEAD\` does, and
                  judges it with the rules found there
  --head REF      the revision to review (default: HEAD); --head WORKTREE as --worktree
  --worktree      review the working tree: staged, unstaged and untracked source files
                  (those .gitignore does not exclude), against the merge base of --base and HEAD
  --repo DIR      the repository (default: the current directory)
  --format F      text (default), markdown (the PR comment), json, or sarif
                  (SARIF 2.1.0 for code scanning: one result per finding)
  --config FILE   use this archreview.yml instead of .github/archreview.yml at the base
  --cache-dir DIR where module graphs are cached between runs
                  (default: $XDG_CACHE_HOME/archreview or ~/.cache/archreview)
  --no-cache      neither read nor write cached graphs
  --no-merge-base compare the tree of --base itself with --head (\`git diff BASE HEAD\`):
                  what --base gained since the branch point counts as undone by --head
  --timeout S     stop the analysis after S seconds (default: ${DEFAULT_ISOLATION_LIMITS.timeoutMs / 1000}, as in the App)
  --max-memory MB heap limit of the analysis (default: ${DEFAULT_ISOLATION_LIMITS.maxHeapMb}, as in the App)
  --progress      show each stage on stderr from the start (by default progress shows
                  only once a run has taken a second)

  --help, -h      this text
  --version       archreview's version

Exit status: 0 no new failing finding; 1 new failing findings (check: failing findings present),
or --head makes the review impossible (e.g. a tsconfig that extends itself; the reason is on
stderr); 2 usage, config (at --base) or runtime error.`;

/** The version in archreview's package.json: two folders up from src/cli and dist/cli alike. */
export async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return typeof manifest.version === "string" ? manifest.version : "unknown";
}
