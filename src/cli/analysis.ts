// What `review` and `check` share: two revisions of the repository read from its git objects
// (nothing is written to disk), then the engine, in a worker or in this thread.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gitSide, listingCache, makeScratchDir, type IsolationLimits, type ListingCache, type ReviewedTrees, type ReviewOutcome, type ReviewRequest } from "../engine/index.js";
import { reviewCacheDir, UsageError, type CliArgs } from "./args.js";
import type { Git, GitRunner } from "../git/git.js";
import type { ProgressReporter } from "./progress.js";
import type { WorkingTree } from "./worktree.js";
import type { ChosenRevisions } from "./revisions.js";

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
  /**
   * Called once the command line says a review (or check) will run, before any git read: main.ts starts
   * the review worker then, so that it loads the engine while this thread reads the revisions.
   */
  prepareAnalysis?: (limits: IsolationLimits, cacheDir: string | null) => void;
}

/** One command's run: its scratch folder, made only when needed (--worktree's index copy), and the trees it reads (for blaming a failure on the head). */
export interface Session {
  repo: Git;
  worktree: WorkingTree;
  top: string;
  /** A bare repository (no working tree): `top` is its own folder; --worktree and the uncommitted-changes note do not apply. */
  bare: boolean;
  /** null until `scratchOf` makes it; removed when the command ends. */
  scratch: string | null;
  trees: ReviewedTrees | null;
  progress: ProgressReporter;
}

/** The session's scratch folder, made on first use: a review of revisions never makes one. */
export async function scratchOf(session: Session): Promise<string> {
  session.scratch ??= await makeScratchDir("archreview-");
  return session.scratch;
}

/** The engine's outcome for the compared revisions; `configFrom: "head"` judges by the head's rules (check). */
export async function analyseComparison(session: Session, comparison: ChosenRevisions, args: CliArgs, io: CliIO, configFrom: "base" | "head" = "base"): Promise<ReviewOutcome> {
  const { repo, progress } = session;
  const override = args.config ? { file: args.config, text: await readConfigFile(path.resolve(io.cwd, args.config)) } : null;
  // Both trees are read from git objects (engine/tree-sources.ts): no tree is written, dependency-cruiser's rules included.
  const [baseSha, headSha] = [comparison.base.sha, comparison.head.sha];
  progress.stage("reading revisions");
  const cacheDir = reviewCacheDir(args, io.env, io.cwd);
  const listings = cacheDir === null ? null : listingCache(cacheDir, session.top);
  // Both listings (from the cache folder, else from git) run beside the diff, while the worker still boots: the engine then only parses them.
  const baseListing = listed(repo, baseSha, listings);
  const headListing = headSha === baseSha ? baseListing : listed(repo, headSha, listings);
  const [changes, baseListed, headListed] = await Promise.all([repo.changes(baseSha, headSha), baseListing, headListing]);
  const base = gitSide(session.top, baseSha, "base", baseListed.listing);
  const head = gitSide(session.top, headSha, "head", headListed.listing);
  session.trees = { base, head };
  const cache = cacheDir === null ? null : { dir: cacheDir, repository: session.top };
  const request: ReviewRequest = { base, head, changes, configOverride: override, configFrom, today: io.today ?? new Date().toISOString().slice(0, 10), cache };
  const outcome = (io.analyse ?? analyseInThisThread)(request, args.limits, (stage) => progress.stage(stage));
  // Written once the request is posted, while the worker reviews: off the review's path.
  const stored = Promise.all([baseListed, headListed].map((l) => (l.fromGit && l.listing && listings ? listings.set(l.sha, l.listing) : null)));
  try {
    return await outcome;
  } finally {
    await stored;
  }
}

interface Listed {
  sha: string;
  /** null: git failed (the engine then lists the tree itself and words the failure). */
  listing: Uint8Array | null;
  /** Read from git now, so worth keeping for the next review. */
  fromGit: boolean;
}

/** The tree's listing from the cache folder when a review stored it there, else from git. */
async function listed(repo: Git, sha: string, listings: ListingCache | null): Promise<Listed> {
  const cached = listings ? await listings.get(sha) : null;
  return cached ? { sha, listing: cached, fromGit: false } : { sha, listing: await repo.treeListing(sha), fromGit: true };
}

// The engine loads only for a review: --help, usage and config errors never load the extractors.
const analyseInThisThread: NonNullable<CliIO["analyse"]> = async (request, _limits, onProgress) => (await import("../engine/index.js")).reviewTrees({ ...request, onProgress });

async function readConfigFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read --config ${file}`);
  }
}

/** Config warnings (globs matching nothing...) on stderr too: they are easy to miss at the foot of the output. */
export function warnOnStderr(outcome: ReviewOutcome, io: CliIO): void {
  for (const warning of outcome.configWarnings ?? []) io.stderr.write(`archreview: warning: ${warning.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")}\n`);
}
