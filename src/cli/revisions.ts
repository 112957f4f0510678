// Which two trees a review compares. A branch's change is what it did since it left its base:
// merge-base(base, head)..head, as `git diff base...head` and GitHub's "Files changed" show it.
// Comparing with the base's tip instead would count everything merged there since as if the
// branch had reverted it.
import { shortSha } from "../report/summary.js";
import type { Git } from "../git/git.js";
import { resolveNamed } from "./repository.js";
import type { WorkingTree } from "./worktree.js";

/**
 * merge-base: the merge base of --base and --head (the base itself when it is an ancestor of head);
 * direct: asked for with --no-merge-base; unrelated: the histories never meet, the base is used;
 * tree: --base or --head names a tree (git's empty tree), which has no history to meet.
 */
export type BaseChoice = "merge-base" | "direct" | "unrelated" | "tree";

export interface ChosenRevisions {
  /** `name` as the user gave it, `named` what it resolves to, `sha` the revision actually compared. */
  base: { name: string; named: string; sha: string };
  head: { name: string; sha: string };
  choice: BaseChoice;
  /** For the review's notices: something the user must know about the comparison. */
  notice: string | null;
}

export async function chooseComparison(git: Git, clone: WorkingTree, names: { base: string; head: string }, useMergeBase: boolean): Promise<ChosenRevisions> {
  // One after the other: an unknown --base is the error reported when both are unknown.
  const base = await resolveNamed(git, clone, names.base, "--base");
  const head = await resolveNamed(git, clone, names.head, "--head");
  const comparison = (sha: string, choice: BaseChoice, notice: string | null = null): ChosenRevisions => ({
    base: { name: names.base, named: base.sha, sha },
    head: { name: names.head, sha: head.sha },
    choice,
    notice,
  });
  if (!useMergeBase) return comparison(base.sha, "direct");
  if (!base.commit || !head.commit) return comparison(base.sha, "tree");
  const mergeBase = await git.mergeBase(base.sha, head.sha);
  if (mergeBase) return comparison(mergeBase, "merge-base");
  return comparison(base.sha, "unrelated", unrelatedNotice(names, await git.isShallow()));
}

function unrelatedNotice(names: { base: string; head: string }, shallow: boolean): string {
  const [base, head] = [clean(names.base), clean(names.head)];
  const why = shallow
    ? "this shallow clone does not reach the commit where their histories meet; `git fetch --unshallow` fetches it"
    : "their histories are unrelated";
  return `${base} and ${head} have no merge base (${why}), so ${base}'s tree is compared directly with ${head}'s: everything that differs counts as ${head}'s change, including what only ${base} changed.`;
}

/** The text output's first line: `Reviewing HEAD (def5678) against main (merge base abc1234)`. */
export function comparisonLine(c: ChosenRevisions): string {
  const baseName = shownName(c.base.name, c.base.named);
  const details: string[] = [];
  if (c.choice === "merge-base" && c.base.sha !== c.base.named) details.push(`merge base ${shortSha(c.base.sha)}`);
  else if (baseName !== null) details.push(shortSha(c.base.sha));
  if (c.choice === "direct") details.push("compared directly");
  if (c.choice === "unrelated") details.push("no merge base, compared directly");
  const base = `${baseName ?? shortSha(c.base.named)}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
  const headName = shownName(c.head.name, c.head.sha);
  const head = headName === null ? shortSha(c.head.sha) : `${headName} (${shortSha(c.head.sha)})`;
  return `Reviewing ${head} against ${base}`;
}

/** The name the user gave, or null when it is only (a prefix of) the sha itself. */
function shownName(name: string, sha: string): string | null {
  const isSha = /^[0-9a-f]{4,64}$/i.test(name) && sha.toLowerCase().startsWith(name.toLowerCase());
  return isSha ? null : clean(name);
}

const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
