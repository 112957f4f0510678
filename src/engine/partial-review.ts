// Whether a review can do with part of a tree: the merge base's graph cached for the config that
// judges the change, so only the touched files' versions are needed: the App then fetches only the
// changed files. (The CLI reads both trees from git objects and writes none, so it needs no such plan.)
import { graphShapeOf } from "../config/depcruise-graph-shape.js";
import type { Config } from "../config/types.js";
import { inSkippedDir } from "../extract/files.js";
import type { LoadedConfig, TreeReader } from "./config.js";
import type { GraphCache } from "./graph-cache.js";
import { configHash, openGraphCache, type CacheLocation } from "./graphs.js";
import { loadConfigInWorker } from "./isolated-config.js";
import { isSupportFile, manifestKey, type TreeManifest } from "./tree-manifest.js";

export type ConfigOverride = { file: string; text: string } | null;

/** Why the base tree is needed in full under `config`, or null when its cached graph will do. */
export async function baseGraphMissing(config: Config, store: Pick<GraphCache, "has">, repository: string, baseSha: string): Promise<string | null> {
  // dependency-cruiser's rules are judged on the graphs (ADR 0007): the cached base graph serves them too.
  if (!(await store.has({ repository, sha: baseSha, configHash: configHash(config.ignore, graphShapeOf(config)) }))) return "the merge base's graph is not cached";
  return null;
}

export interface PartialReviewQuery {
  cache: CacheLocation;
  mergeBase: string;
  /** Every path the change touches, the previous names of renamed files included (repo-relative, safe). */
  changedPaths: string[];
  /** The config that replaces the base's own (the App's `_extends` and organisation default), read from the base's files. */
  resolveOverride: (readBase: TreeReader) => Promise<ConfigOverride>;
}

export type PartialReviewPlan =
  /** `support`: path -> text of the base's support files, unchanged by the change, so the head's too. */
  | { use: "changed-files"; baseFiles: string[]; support: Record<string, string>; configOverride: ConfigOverride; loaded: LoadedConfig }
  /** `configOverride`: already resolved (the same base commit), when it was. */
  | { use: "tarballs"; reason: string; configOverride?: ConfigOverride };

const tarballs = (reason: string, configOverride?: ConfigOverride): PartialReviewPlan => ({ use: "tarballs", reason, ...(configOverride !== undefined ? { configOverride } : {}) });

/**
 * Whether the change can be reviewed from the base's cached manifest and graph plus the touched
 * files; the config is loaded here once (in a worker: it is the repository's own text) and goes to
 * the review with the plan.
 */
export async function planPartialReview(query: PartialReviewQuery): Promise<PartialReviewPlan> {
  const special = query.changedPaths.find((p) => isSupportFile(p) || inSkippedDir(p));
  if (special) return tarballs(`${special} changed`);
  const store = openGraphCache(query.cache);
  try {
    return await fromCachedBase(query, store);
  } finally {
    await store.close?.();
  }
}

async function fromCachedBase(query: PartialReviewQuery, store: GraphCache): Promise<PartialReviewPlan> {
  const { repository } = query.cache;
  const manifest = await store.get<TreeManifest>(manifestKey(repository, query.mergeBase));
  if (!manifest) return tarballs("the merge base is not cached");
  if (manifest.unusable) return tarballs(manifest.unusable);
  const support = manifest.support;
  const readBase: TreeReader = async (file) => (Object.hasOwn(support, file) ? (support[file] as string) : null);
  const configOverride = await query.resolveOverride(readBase);
  const loaded = await loadConfigInWorker(readBase, configOverride);
  const missing = await baseGraphMissing(loaded.config, store, repository, query.mergeBase);
  if (missing) return tarballs(missing, configOverride);
  return { use: "changed-files", baseFiles: manifest.files, support, configOverride, loaded };
}
