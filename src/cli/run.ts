// `archreview review`: two git revisions of a local repository -> the review on stdout.
// Exit 0: no new finding at the failing severity; 1: there is one, or the head makes the review
// impossible (engine/failure-origin.ts); 2: usage, config or runtime error.
import { mkdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../config/errors.js";
import type { Config } from "../config/types.js";
import { fails } from "../core/findings.js";
import type { Review } from "../core/model.js";
import { DEFAULT_ISOLATION_LIMITS, ReviewLimitExceeded, gitSide, makeScratchDir, needsTreesOnDisk, removeScratchDir, sparseBaseFiles, type PullRequestCaused, type ReviewedSide, type ReviewedTrees, type IsolationLimits, type ReviewOutcome, type ReviewRequest, type SparseBaseQuery, TsConfigExtendsError } from "../engine/index.js";
import { withAdrStub } from "../report/adr.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderText } from "../report/text.js";
import { Git, GitError, type GitRunner } from "./git.js";
import { progressReporter } from "./progress.js";
import { chooseComparison, comparisonLine, type ChosenRevisions } from "./revisions.js";

export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  /** Injectable for tests: the git process runner and the clock. */
  git?: GitRunner;
  today?: string;
  /**
   * Runs the analysis. The executable (main.ts) passes reviewInWorker: a worker thread with the time and
   * heap limits. Without one, the engine runs in this thread and the limits are not enforced (tests).
   */
  analyse?: (request: ReviewRequest, limits: IsolationLimits, onProgress: (stage: string) => void) => Promise<ReviewOutcome>;
}

export const USAGE = `Usage: archreview review --base REF [--head REF] [--repo DIR] [--format text|markdown|json] [--config FILE] [--cache-dir DIR | --no-cache] [--no-merge-base] [--timeout SECONDS] [--max-memory MB]

Reviews the architecture change between two revisions of a local git repository:
new boundary violations, new cycles, oversized files and complex functions, boundary
changes with an ADR stub. Nothing in the working tree or index is touched.

  --base REF      the branch (tag, sha) the change is for; the review starts from the
                  merge base of --base and --head, as \`git diff BASE...HEAD\` does, and
                  judges it with the rules found there
  --head REF      the revision to review (default: HEAD)
  --repo DIR      the repository (default: the current directory)
  --format F      text (default), markdown (the PR comment) or json
  --config FILE   use this archreview.yml instead of the one at the base
  --cache-dir DIR where module graphs are cached between runs
                  (default: $XDG_CACHE_HOME/archreview or ~/.cache/archreview)
  --no-cache      neither read nor write cached graphs
  --no-merge-base compare the tree of --base itself with --head (\`git diff BASE HEAD\`):
                  what --base gained since the branch point counts as undone by --head
  --timeout S     stop the analysis after S seconds (default: ${DEFAULT_ISOLATION_LIMITS.timeoutMs / 1000}, as in the App)
  --max-memory MB heap limit of the analysis (default: ${DEFAULT_ISOLATION_LIMITS.maxHeapMb}, as in the App)

Exit status: 0 no new failing finding; 1 new failing findings, or --head makes the review
impossible (e.g. a tsconfig that extends itself; the reason is on stderr); 2 usage, config
(at --base) or runtime error.`;

const FORMATS = ["text", "markdown", "json"] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

interface CliArgs {
  repo: string | undefined;
  base: string;
  head: string;
  format: Format;
  config: string | undefined;
  cacheDir: string | undefined;
  noCache: boolean;
  mergeBase: boolean;
  limits: IsolationLimits;
}

function parse(argv: string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repo: { type: "string" },
      base: { type: "string" },
      head: { type: "string" },
      format: { type: "string" },
      config: { type: "string" },
      "cache-dir": { type: "string" },
      "no-cache": { type: "boolean" },
      "no-merge-base": { type: "boolean" },
      timeout: { type: "string" },
      "max-memory": { type: "string" },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== "review") throw new UsageError(positionals.length === 0 ? "missing command: review" : `unknown command "${positionals.join(" ")}"`);
  if (!values.base) throw new UsageError("--base is required");
  const format = values.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${format}")`);
  return {
    repo: values.repo,
    base: values.base,
    head: values.head ?? "HEAD",
    format: format as Format,
    config: values.config,
    cacheDir: values["cache-dir"],
    noCache: values["no-cache"] === true,
    mergeBase: values["no-merge-base"] !== true,
    limits: {
      timeoutMs: positiveOption("--timeout", values.timeout, DEFAULT_ISOLATION_LIMITS.timeoutMs / 1000) * 1000,
      maxHeapMb: Math.floor(positiveOption("--max-memory", values["max-memory"], DEFAULT_ISOLATION_LIMITS.maxHeapMb)),
    },
  };
}

function positiveOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number (got "${raw}")`);
  return value;
}

function render(reviewed: Review, format: Format, color: boolean, comparison: ChosenRevisions): string {
  const review = comparison.notice ? { ...reviewed, notices: [comparison.notice, ...reviewed.notices] } : reviewed;
  if (format === "json") return renderJson(review);
  if (format === "markdown") return renderMarkdown(review) + "\n";
  const header = comparisonLine(comparison);
  return `${color ? `\u001b[2m${header}\u001b[0m` : header}\n${renderText(review, { color })}`;
}

interface Tree {
  sha: string;
  dir: string;
}

type TreeQuery = Pick<SparseBaseQuery, "override" | "changes"> & { cache: SparseBaseQuery["cache"] | null };

/** Writes both trees; with a cached base graph, only the few base files the review needs. */
async function writeTrees(repo: Git, scratch: string, trees: { base: Tree; head: Tree }, query: TreeQuery): Promise<void> {
  const { base, head } = trees;
  const { override, cache, changes } = query;
  await Promise.all([mkdir(base.dir), mkdir(head.dir)]);
  const sparse = cache ? await sparseBaseFiles({ readBase: (file) => repo.show(base.sha, file), override, cache, baseSha: base.sha, changes }) : null;
  if (sparse) await repo.materializeFiles(base.sha, base.dir, sparse);
  else await repo.materialize(base.sha, base.dir, scratch);
  await repo.materialize(head.sha, head.dir, scratch);
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h") || argv.length === 0) {
    io.stdout.write(USAGE + "\n");
    return argv.length === 0 ? 2 : 0;
  }
  let scratch: string | null = null;
  let trees: ReviewedTrees | null = null;
  let limits: IsolationLimits | null = null;
  const progress = progressReporter(io.stderr);
  try {
    const args = parse(argv);
    limits = args.limits;
    const git = new Git(path.resolve(io.cwd, args.repo ?? "."), io.git);
    const top = await git.topLevel();
    const repo = new Git(top, io.git);
    // The sha compared is the merge base unless asked otherwise: rules, graph cache and sparse base all follow it.
    const comparison = await chooseComparison(repo, { base: args.base, head: args.head }, args.mergeBase);
    const override = args.config ? { file: args.config, text: await readConfigFile(path.resolve(io.cwd, args.config)) } : null;
    progress.stage("reading revisions");
    const changes = await repo.changes(comparison.base.sha, comparison.head.sha);
    const cache = cacheLocation(args, io, top);
    const readBase = (file: string): Promise<string | null> => repo.show(comparison.base.sha, file);
    let base: ReviewedSide = gitSide(top, comparison.base.sha, "base");
    let head: ReviewedSide = gitSide(top, comparison.head.sha, "head");
    // Read from git objects, nothing written; only dependency-cruiser's rules (it reads files itself) need the trees on disk.
    if (await needsTreesOnDisk({ readBase, override })) {
      scratch = await makeScratchDir("archreview-");
      base = { sha: comparison.base.sha, dir: path.join(scratch, "base") };
      head = { sha: comparison.head.sha, dir: path.join(scratch, "head") };
      await writeTrees(repo, scratch, { base, head }, { override, cache, changes });
    }
    trees = { base, head };
    const request = { base, head, changes, configOverride: override, today: io.today ?? new Date().toISOString().slice(0, 10), cache };
    const onProgress = (stage: string): void => progress.stage(stage);
    const outcome = await (io.analyse ?? analyseInThisThread)(request, args.limits, onProgress);
    const { config } = outcome;
    const review = withAdrStub(outcome);
    progress.done();
    const color = io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
    io.stdout.write(render(review, args.format, color, comparison));
    return fails(review.counts, config.failOn) ? 1 : 0;
  } catch (error) {
    progress.done();
    return reportFailure(error, trees, limits, io);
  } finally {
    if (scratch) await removeScratchDir(scratch);
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

function cacheLocation(args: CliArgs, io: CliIO, repository: string): { dir: string; repository: string } | null {
  return args.noCache ? null : { dir: path.resolve(io.cwd, args.cacheDir ?? defaultCacheDir(io.env)), repository };
}

// The engine loads only for a review: --help, usage and config errors never load the extractors.
const analyseInThisThread: NonNullable<CliIO["analyse"]> = async (request, _limits, onProgress) => (await import("../engine/index.js")).reviewTrees({ ...request, onProgress });

/** The failure as the head's doing, or null. Only a tsconfig `extends` problem can be; judging it reads tsconfigs with TypeScript. */
async function headCaused(error: unknown, trees: ReviewedTrees | null): Promise<PullRequestCaused | null> {
  if (!trees || !(error instanceof TsConfigExtendsError)) return null;
  const { blameTreeFailure, PullRequestCaused } = await import("../engine/index.js");
  const blamed = await blameTreeFailure(error, trees);
  return blamed instanceof PullRequestCaused ? blamed : null;
}

function defaultCacheDir(env: CliIO["env"]): string {
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "archreview");
}

async function readConfigFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read --config ${file}`);
  }
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
  if (error instanceof Error && "code" in error && error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return error.message.split("\n")[0] ?? "bad option";
  return `internal error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
}
