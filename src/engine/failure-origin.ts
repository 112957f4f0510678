// Who controls the cause of a failed review decides its verdict. What the pull request controls
// (its head tree: config, tsconfig, files, links) must fail the change when it makes the review
// impossible: a neutral result counts as passing for required checks, so a PR could otherwise pass
// by breaking the review. Our own and GitHub's failures stay neutral, and so does what the base
// alone causes (the PR did not bring it).
import path from "node:path";
import { TsConfigExtendsError } from "../extract/tsconfig-extends-error.js";
import type { TreeView } from "../extract/tree-source.js";

export type FailureOrigin = "head" | "base" | "ours" | "github";

/** The review could not run because of what the pull request's head adds: the change fails, with `reason`. */
export class PullRequestCaused extends Error {
  override readonly name = "PullRequestCaused";
  readonly origin = "head" as const;

  constructor(
    /** One line, e.g. "Circular tsconfig extends". */
    readonly title: string,
    /** Markdown: what the pull request adds and why the review cannot run on it. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${title}: ${reason}`, options);
  }
}

export interface ReviewedTrees {
  /** `git` and `sha`: a tree read from git objects, named `dir` (tree-sources.ts). */
  base: { dir: string; git?: string; sha?: string };
  head: { dir: string; git?: string; sha?: string };
}

/** The tree-relative file a problem names, as markdown code. */
function code(file: string): string {
  return `\`${file.replace(/[`\u0000-\u001f]/g, "?")}\``;
}

/**
 * A tsconfig `extends` loop found in the head and absent at the base is the pull request's doing;
 * one the base has too (the engine may meet the head's copy first) stays a configuration error.
 */
async function blameExtends(error: TsConfigExtendsError, trees: ReviewedTrees): Promise<unknown> {
  if (path.resolve(error.tree) !== path.resolve(trees.head.dir)) return error;
  const first = error.chain[0];
  const base = path.resolve(trees.base.dir);
  // The extends walker parses tsconfig files (TypeScript): loaded only when there is a loop to judge.
  const { findExtendsProblem } = await import("../extract/tsconfig-extends.js");
  if (first !== undefined && (await baseHasProblem(trees.base, (view) => findExtendsProblem(base, path.join(base, first), view) !== null))) return error;
  const files = [...new Set(error.chain)].map(code).join(", ");
  const why = error.problem === "cycle" ? "its `extends` chain comes back to a file it already extended" : "its `extends` chain is too deep to follow";
  return new PullRequestCaused(
    error.problem === "cycle" ? "Circular tsconfig extends" : "tsconfig extends chain too deep",
    `This change makes ${code(first ?? "tsconfig.json")} unusable: ${why} (${files}). Imports cannot be resolved with it, so nothing was reviewed.`,
    { cause: error },
  );
}

/** Asks `check` of the base tree: on disk, or through a view of its git objects. */
async function baseHasProblem(side: ReviewedTrees["base"], check: (view: TreeView | null) => boolean): Promise<boolean> {
  if (!side.git || !side.sha) return check(null);
  const { openTrees } = await import("./tree-sources.js");
  const at = { sha: side.sha, dir: side.dir, git: side.git };
  const opened = await openTrees({ base: at, head: at });
  try {
    return check(opened.base.view);
  } finally {
    await opened.close();
  }
}

/** `error` as it should be judged: a PullRequestCaused when the head tree alone caused it, else unchanged. */
export async function blameTreeFailure(error: unknown, trees: ReviewedTrees): Promise<unknown> {
  if (error instanceof TsConfigExtendsError) return blameExtends(error, trees);
  return error;
}
