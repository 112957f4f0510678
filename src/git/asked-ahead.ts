// The first question a command asks git, asked before the command has loaded: the executable
// (cli/main.ts) starts the one `git rev-parse` of the revisions (revision-batch.ts) as soon as it has
// parsed its arguments and started the review worker, while it still has most of the CLI to load (about
// 50 ms of module loading that the rev-parse used to follow). The runner it hands the CLI answers that
// exact call, once, with the process already running; every other call runs git as usual.
import { runGit, type GitResult, type GitRunner } from "./git.js";
import { batchArgs, type RevisionQuery } from "./revision-batch.js";

/** Starts `query`'s rev-parse in `cwd` now (when it is one batch) and returns the runner that hands it over. */
export function askedAhead(query: RevisionQuery, cwd: string, run: GitRunner = runGit): GitRunner {
  const args = batchArgs(query);
  let ahead: { args: string[]; result: Promise<GitResult> } | null = null;
  if (args !== null) {
    const result = run(args, { cwd });
    result.catch(() => undefined); // a failed spawn is the caller's to see, if it asks
    ahead = { args, result };
  }
  return (asked, options) => {
    const mine = ahead;
    if (mine && options.cwd === cwd && options.env === undefined && asked.length === mine.args.length && asked.every((a, i) => a === mine.args[i])) {
      ahead = null;
      return mine.result;
    }
    return run(asked, options);
  };
}
