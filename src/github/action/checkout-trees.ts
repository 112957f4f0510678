// The Action's trees: the merge base and the head read from the git objects of the workflow's
// checkout, as the CLI reads them (engine/tree-sources.ts): no tree is written anywhere.
// actions/checkout fetches one commit by default, so the base, the head and the history joining
// them are fetched here when missing; failing that the user is told to set `fetch-depth: 0`.
import { gitSide, type ConfigOverride } from "../../engine/index.js";
import type { ComparedFile, Comparison } from "../../pipeline/comparison.js";
import type { TreeSource } from "../../pipeline/platform.js";
import type { InputLogger, ReviewInputs } from "../../pipeline/review-inputs.js";
import type { FileChange } from "../../core/model.js";
import { Git, type GitRunner } from "../../git/git.js";

/** The checkout lacks the history joining the PR's base and head. */
export class ShallowCheckout extends Error {
  constructor(base: string, head: string) {
    super(`The checkout has no merge base of ${base.slice(0, 7)} and ${head.slice(0, 7)}, even after fetching them. Set \`fetch-depth: 0\` on actions/checkout.`);
    this.name = "ShallowCheckout";
  }
}

export interface CheckoutTreesOptions {
  workspace: string;
  /** The `config` input's file, or null to judge with the base's own configuration. */
  configOverride: ConfigOverride;
  log: InputLogger;
  run?: GitRunner;
  /** How many commits each deepening fetch adds before giving up on a shallow clone. */
  deepenBy?: number;
}

const STATUS: Record<FileChange["kind"], ComparedFile["status"]> = { added: "added", modified: "modified", deleted: "removed", renamed: "renamed" };

async function fetch(repo: Git, args: string[], log: InputLogger): Promise<void> {
  const failed = await repo.fetch(args);
  if (failed !== null) log.warn({ args, stderr: failed }, "git fetch failed");
}

/** The merge base of `base` and `head`, fetching them and then deeper history while the clone is shallow. */
export async function mergeBaseOf(repo: Git, options: CheckoutTreesOptions, base: string, head: string): Promise<string> {
  const { log } = options;
  const missing = [];
  for (const sha of [base, head]) if (!(await repo.hasCommit(sha))) missing.push(sha);
  if (missing.length > 0) await fetch(repo, ["--depth=1", "origin", ...missing], log);
  let found = await repo.mergeBase(base, head);
  // Deepen a few times (cheap for a young branch), then take all history once.
  for (let attempt = 0; found === null && attempt < 4 && (await repo.isShallow()); attempt++) {
    const deepen = attempt < 3 ? [`--deepen=${options.deepenBy ?? 100}`] : ["--unshallow"];
    await fetch(repo, [...deepen, "origin", base, head], log);
    found = await repo.mergeBase(base, head);
  }
  if (found === null) throw new ShallowCheckout(base, head);
  return found;
}

/** Reads in place: the pipeline makes no scratch folder, and `gather` and `full` need none. */
export function checkoutTrees(options: CheckoutTreesOptions): TreeSource {
  const repo = new Git(options.workspace, options.run);
  let changes: FileChange[] = [];
  let headSha = "";
  const gather = async (comparison: Comparison): Promise<ReviewInputs> => {
    const base = gitSide(options.workspace, comparison.mergeBase, "base");
    const head = gitSide(options.workspace, headSha, "head");
    return { request: { base, head, changes, configOverride: options.configOverride, cache: null }, fetch: "checkout", filesFetched: 0, reason: null };
  };
  return {
    readsInPlace: true,
    async compare(base, head) {
      headSha = head;
      const mergeBase = await mergeBaseOf(repo, options, base, head);
      changes = await repo.changes(mergeBase, head);
      const files = changes.map((c): ComparedFile => ({ filename: c.path, status: STATUS[c.kind], ...(c.previousPath ? { previous_filename: c.previousPath } : {}), sha: null }));
      return { mergeBase, files, complete: true };
    },
    gather: (comparison) => gather(comparison),
    full: (comparison) => gather(comparison),
  };
}
