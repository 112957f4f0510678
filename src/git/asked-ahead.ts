// The first questions a command asks git, asked before the command has loaded: the executable
// (cli/main.ts) starts the one `git rev-parse` of the revisions (revision-batch.ts) as soon as it has
// parsed its arguments and started the review worker, while it still has most of the CLI to load (about
// 50 ms of module loading that the rev-parse used to follow). Once its answers are in, the questions
// that follow from them (a review's diff and its head's listing: `next`) start too, while the CLI is
// still loading, instead of after it. The runner it hands the CLI answers each of those exact calls,
// once, with the process already running; every other call runs git as usual. A question asked ahead
// that the command never asks (a guess that did not match) only cost a git process.
import { changesArgs, runGit, treeListingArgs, type GitResult, type GitRunner } from "./git.js";
import { batchArgs, parseBatch, type RevisionAnswers, type RevisionQuery } from "./revision-batch.js";

/** A git call started ahead, waiting for the identical call. */
interface Ahead {
  args: string[];
  cwd: string;
  result: Promise<GitResult>;
}

/** The calls that follow from the revisions' answers, each run in the repository's top level. */
export type NextQuestions = (answers: RevisionAnswers) => string[][];

/**
 * Starts `query`'s rev-parse in `cwd` now (when it is one batch) and, once it has answered cleanly,
 * `next`'s calls; returns the runner that hands each over.
 */
export function askedAhead(query: RevisionQuery, cwd: string, run: GitRunner = runGit, next: NextQuestions | null = null): GitRunner {
  const args = batchArgs(query);
  const waiting: Ahead[] = [];
  const start = (asked: string[], where: string): Promise<GitResult> => {
    const result = run(asked, { cwd: where });
    result.catch(() => undefined); // a failed spawn is the caller's to see, if it asks
    waiting.push({ args: asked, cwd: where, result });
    return result;
  };
  if (args !== null) {
    const revisions = start(args, cwd);
    if (next !== null) {
      void revisions.then(
        (r) => {
          const answers = r.code === 0 ? parseBatch(query, r.stdout.toString()) : null;
          if (answers !== null) for (const following of next(answers)) start(following, answers.top);
        },
        () => undefined,
      );
    }
  }
  return (asked, options) => {
    const at = options.env === undefined ? waiting.findIndex((w) => w.cwd === options.cwd && sameArgs(w.args, asked)) : -1;
    if (at === -1) return run(asked, options);
    const [ahead] = waiting.splice(at, 1) as [Ahead];
    return ahead.result;
  };
}

/** The revisions a review compares, as named on its command line. */
export interface ComparedNames {
  base: string;
  head: string;
  /** Compared from their merge base (the default), or --base itself (--no-merge-base). */
  mergeBase: boolean;
}

/**
 * A review's diff and its head's listing, for the commits the CLI will compare (cli/revisions.ts
 * chooseComparison: the merge base when asked for and found, else --base itself). The base's listing
 * is not asked: the review cache folder usually has it (engine/listing-cache.ts).
 */
export function reviewQuestions(names: ComparedNames): NextQuestions {
  return (answers) => {
    const head = answers.commits.get(names.head);
    const named = answers.commits.get(names.base);
    const base = names.mergeBase ? (answers.mergeBase?.sha ?? named) : named;
    return base !== undefined && head !== undefined ? [changesArgs(base, head), treeListingArgs(head)] : [];
  };
}

const sameArgs = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
