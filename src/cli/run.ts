// `archreview review|check`: a local git repository -> the review (or check) on stdout.
// Exit 0: no new finding at the failing severity; 1: there is one, or the head makes the review
// impossible (engine/failure-origin.ts); 2: usage, config or runtime error.
import { ConfigError } from "../config/errors.js";
import { DEFAULT_ISOLATION_LIMITS, ReviewLimitExceeded, removeScratchDir, type PullRequestCaused, type ReviewedTrees, type IsolationLimits, TsConfigExtendsError } from "../engine/index.js";
import type { CliIO, Session } from "./analysis.js";
import { parseCommandLine, reviewCacheDir, revisionsWanted, UsageError } from "./args.js";
import { GitError } from "../git/git.js";
import { progressReporter } from "./progress.js";
import { isMissingGit, openRepository } from "./repository.js";
import { packageVersion, USAGE } from "./usage.js";
import { WorkingTree } from "./worktree.js";

export type { CliIO } from "./analysis.js";
export { USAGE } from "./usage.js";

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  // Each command loads its own modules (renderers, init's YAML writer) on demand: the review worker starts sooner.
  if (argv[0] === "init") return (await import("./init.js")).runInit(argv.slice(1), io);
  if (argv.includes("--help") || argv.includes("-h") || argv.length === 0) {
    io.stdout.write(USAGE + "\n");
    return argv.length === 0 ? 2 : 0;
  }
  if (argv.includes("--version")) {
    io.stdout.write(`archreview ${await packageVersion()}\n`);
    return 0;
  }
  let session: Session | null = null;
  let limits: IsolationLimits | null = null;
  const progress = progressReporter(io.stderr);
  try {
    const args = parseCommandLine(argv);
    limits = args.limits;
    if (args.progress) progress.showNow();
    io.prepareAnalysis?.(args.limits, reviewCacheDir(args, io.env, io.cwd));
    // The command's modules load while git answers (the same import below then finds them loaded).
    void (args.command === "check" ? import("./check-command.js") : import("./review-command.js")).catch(() => undefined);
    const { git, top, bare } = await openRepository(io.cwd, args.repo, io.git, revisionsWanted(args));
    session = { repo: git, worktree: new WorkingTree(top, io.git), top, bare, scratch: null, trees: null, progress };
    if (args.command === "check") return await (await import("./check-command.js")).runCheck(args, session, io);
    return await (await import("./review-command.js")).runReview(args, session, io);
  } catch (error) {
    progress.done();
    return reportFailure(error, session?.trees ?? null, limits, io);
  } finally {
    if (session?.scratch) await removeScratchDir(session.scratch);
  }
}

/** The exit status of a failed review, its reason on stderr. */
async function reportFailure(error: unknown, trees: ReviewedTrees | null, limits: IsolationLimits | null, io: CliIO): Promise<number> {
  // What only the head causes fails the change (exit 1), as a failing finding does.
  const blamed = await headCaused(error, trees);
  if (blamed) {
    io.stderr.write(`archreview: the head fails the review: ${blamed.title}. ${blamed.reason}\n`);
    return 1;
  }
  io.stderr.write(`archreview: ${describeError(error, limits)}\n`);
  if (error instanceof UsageError) io.stderr.write("Run `archreview --help` for usage.\n");
  return 2;
}

/** The failure as the head's doing, or null. Only a tsconfig `extends` problem can be; judging it reads tsconfigs with TypeScript. */
async function headCaused(error: unknown, trees: ReviewedTrees | null): Promise<PullRequestCaused | null> {
  if (!trees || !(error instanceof TsConfigExtendsError)) return null;
  const { blameTreeFailure, PullRequestCaused } = await import("../engine/index.js");
  const blamed = await blameTreeFailure(error, trees);
  return blamed instanceof PullRequestCaused ? blamed : null;
}

/** The App names its environment variables; the CLI names its own options. */
function limitMessage(error: ReviewLimitExceeded, limits: IsolationLimits | null): string {
  const l = limits ?? DEFAULT_ISOLATION_LIMITS;
  return error.limit === "time"
    ? `review took longer than ${l.timeoutMs / 1000} s (--timeout)`
    : `review needed more than ${l.maxHeapMb} MB of memory (--max-memory)`;
}

function describeError(error: unknown, limits: IsolationLimits | null): string {
  if (error instanceof ConfigError || error instanceof GitError || error instanceof UsageError) return error.message;
  if (error instanceof TsConfigExtendsError) return `${error.message} (the base has it: a configuration error, not this change's)`;
  if (error instanceof ReviewLimitExceeded) return limitMessage(error, limits);
  if (isMissingGit(error)) return "git was not found on PATH: archreview reads revisions with git; install git or add it to PATH";
  return `internal error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
}
