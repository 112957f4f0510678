// Everything a command asks git before its review, in one `git rev-parse`: each spawn from Node
// forks the whole process (10-15 ms of this thread's CPU), and these ran one after another. Pure:
// the arguments and the reading of git's answer. Only a clean, complete answer is used; anything
// else (an unknown name, a tree, a non-repository) is asked again one question at a time, whose
// errors are the ones the user sees.

/** The top level, these names as commits, and (optionally) the merge base of two of them. */
export interface RevisionQuery {
  names: string[];
  mergeBaseOf: { base: string; head: string } | null;
}

export interface RevisionAnswers {
  top: string;
  /** name -> the commit it names (`name^{commit}`). */
  commits: Map<string, string>;
  /** `git merge-base base head` for the shas of mergeBaseOf (null: no common ancestor); absent when not asked. */
  mergeBase?: { base: string; head: string; sha: string | null };
}

const SHA_LINE = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * A name rev-parse reads as one revision outside --verify too: no option (`-`), no negation (`^`),
 * no range (`..`), no path (`:`, relative to the folder git runs in), nothing outside a plain ref
 * name's characters. Others are resolved one at a time, as before.
 */
export function isBatchable(name: string): boolean {
  return /^[A-Za-z0-9_@][A-Za-z0-9_@./~^{}+-]*$/.test(name) && !name.includes("..");
}

const commitOf = (name: string): string => `${name}^{commit}`;

/** Names in the query's order, each once, the merge base's pair left out (the symmetric difference names them). */
function singleNames(query: RevisionQuery): string[] {
  const pair = query.mergeBaseOf ? [query.mergeBaseOf.base, query.mergeBaseOf.head] : [];
  return [...new Set(query.names)].filter((n) => !pair.includes(n));
}

/**
 * `git rev-parse [B^{commit}...H^{commit}] N^{commit}... --show-toplevel`, or null when a name is not
 * batchable. `B...H` prints H, B and `^` before each merge base, first the one `git merge-base B H` prints.
 */
export function batchArgs(query: RevisionQuery): string[] | null {
  const all = [...query.names, ...(query.mergeBaseOf ? [query.mergeBaseOf.base, query.mergeBaseOf.head] : [])];
  if (!all.every(isBatchable)) return null;
  const pair = query.mergeBaseOf ? [`${commitOf(query.mergeBaseOf.base)}...${commitOf(query.mergeBaseOf.head)}`] : [];
  return ["rev-parse", ...pair, ...singleNames(query).map(commitOf), "--show-toplevel"];
}

/** git's answer to batchArgs, or null when it is not exactly the expected lines. */
export function parseBatch(query: RevisionQuery, stdout: string): RevisionAnswers | null {
  const lines = stdout.split("\n");
  const commits = new Map<string, string>();
  let at = 0;
  const take = (): string | null => {
    const line = lines[at] ?? "";
    if (!SHA_LINE.test(line)) return null;
    at++;
    return line;
  };
  let mergeBase: RevisionAnswers["mergeBase"];
  if (query.mergeBaseOf) {
    const [head, base] = [take(), take()];
    if (head === null || base === null) return null;
    const bases: string[] = [];
    while ((lines[at] ?? "").startsWith("^") && SHA_LINE.test((lines[at] as string).slice(1))) bases.push((lines[at++] as string).slice(1));
    commits.set(query.mergeBaseOf.base, base).set(query.mergeBaseOf.head, head);
    mergeBase = { base, head, sha: bases[0] ?? null };
  }
  for (const name of singleNames(query)) {
    const sha = take();
    if (sha === null) return null;
    commits.set(name, sha);
  }
  // What is left is --show-toplevel's line (a folder's name may hold a newline), trimmed as topLevel() trims it.
  const top = lines.slice(at).join("\n").trim();
  if (top === "") return null;
  return { top, commits, ...(mergeBase ? { mergeBase } : {}) };
}
