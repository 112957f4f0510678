// Where the App finds the config that judges a PR, beyond the base tree itself: the organisation's
// `.github` repository when the repository has none, and Probot-style `_extends`.
import type { Document } from "yaml";
import { CONFIG_PATHS } from "../../config/defaults.js";
import { ConfigError } from "../../config/errors.js";
import { readYamlDocument } from "../../config/yaml-document.js";
import type { TreeReader } from "../../engine/index.js";
import type { GitHubClient, RepoRef } from "../api/client.js";

export interface ConfigOverride {
  file: string;
  text: string;
}

const ORG_REPO = ".github";
const DEFAULT_PATH = ".github/archreview.yml";

/** `repo`, `owner/repo` or `owner/repo:path` (as Probot's config plugin reads `_extends`). */
export function parseExtends(value: string, owner: string): { owner: string; repo: string; path: string } | null {
  const match = /^(?:([\w.-]+)\/)?([\w.-]+)(?::(.+))?$/.exec(value.trim());
  if (!match) return null;
  return { owner: match[1] ?? owner, repo: match[2] as string, path: match[3] ?? DEFAULT_PATH };
}

async function fetchFile(octokit: GitHubClient, ref: { owner: string; repo: string; path: string }): Promise<string | null> {
  try {
    const response = await octokit.rest.repos.getContent({ ...ref, mediaType: { format: "raw" } });
    return typeof response.data === "string" ? response.data : null;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** Read on the main thread, so only through the capped, linear reader; a text it refuses is left to the engine to report. */
function extendsValue(text: string): string | null {
  const read = readYamlDocument(text, "config");
  if (!read.ok) return null;
  const value = read.doc.get("_extends");
  return typeof value === "string" ? value : null;
}

function documentOf(text: string, file: string): Document {
  const read = readYamlDocument(text, file);
  if (!read.ok) throw new ConfigError(read.error);
  return read.doc;
}

/** The child's top-level keys win over the parent's (a shallow merge, like Probot's). */
function merge(parentText: string, parentFile: string, childText: string, childFile: string): string {
  const parent = documentOf(parentText, parentFile);
  const child = documentOf(childText, childFile);
  child.delete("_extends");
  for (const pair of (child.contents as { items?: { key: unknown; value: unknown }[] } | null)?.items ?? []) parent.set(pair.key, pair.value);
  parent.delete("_extends");
  return parent.toString();
}

/** One level, as Probot's: the parent's own `_extends` is dropped, never followed, so no chain can loop or run deep. */
async function withExtends(octokit: GitHubClient, owner: string, file: string, text: string): Promise<ConfigOverride> {
  const target = extendsValue(text);
  if (!target) return { file, text };
  const ref = parseExtends(target, owner);
  const parentText = ref ? await fetchFile(octokit, ref) : null;
  if (!ref || parentText === null) throw new ExtendsNotFound(`${file}: _extends: "${target}" names no readable configuration`);
  return { file: `${file} (extending ${ref.owner}/${ref.repo}:${ref.path})`, text: merge(parentText, `${ref.owner}/${ref.repo}:${ref.path}`, text, file) };
}

export class ExtendsNotFound extends Error {}

/**
 * null: the base tree's own config applies as it is (the engine reads it, with exact positions).
 * Otherwise the text to judge with: the merged `_extends` chain, or the organisation's default.
 */
export async function resolveConfigOverride(octokit: GitHubClient, repo: RepoRef, base: TreeReader): Promise<ConfigOverride | null> {
  for (const path of CONFIG_PATHS) {
    const text = await base(path);
    if (text !== null) return extendsValue(text) ? withExtends(octokit, repo.owner, path, text) : null;
  }
  if (repo.repo === ORG_REPO) return null;
  const orgText = await fetchFile(octokit, { owner: repo.owner, repo: ORG_REPO, path: DEFAULT_PATH });
  if (orgText === null) return null;
  return withExtends(octokit, repo.owner, `${repo.owner}/${ORG_REPO}:${DEFAULT_PATH}`, orgText);
}
