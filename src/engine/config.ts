// The configuration that judges a change: always the base's (a PR must not loosen the rules that
// judge it); the head's is only compared, to report a boundary change.
import { CONFIG_PATHS, DEPCRUISE_CODE_CONFIG_PATHS, DEPCRUISE_JSON_PATHS, defaultConfig } from "../config/defaults.js";
import { parseDepcruiseJson } from "../config/depcruise-json.js";
import { ConfigError, formatConfigError, jsConfigNotice } from "../config/errors.js";
import { parseConfig } from "../config/parse.js";
import type { Config } from "../config/types.js";

/** Reads a repo-relative file of one tree; null when it does not exist. */
export type TreeReader = (file: string) => Promise<string | null>;

export interface ConfigSource {
  base: TreeReader;
  head: TreeReader;
  /** A config given explicitly (CLI --config): replaces the base's archreview.yml. */
  override?: { file: string; text: string } | null;
}

export interface LoadedConfig {
  config: Config;
  /** The archreview config file that was applied, or null for defaults. */
  configFile: string | null;
  notices: string[];
  configChangedFile: string | null;
  headBoundaryNames: string[] | null;
}

async function firstExisting(read: TreeReader, paths: readonly string[]): Promise<{ file: string; text: string } | null> {
  for (const file of paths) {
    const text = await read(file);
    if (text !== null) return { file, text };
  }
  return null;
}

function parseOrThrow(file: string, text: string): { config: Config; warnings: string[] } {
  const parsed = parseConfig(text, file);
  if (!parsed.ok) throw new ConfigError(parsed.error);
  return parsed;
}

export async function loadConfig(source: ConfigSource): Promise<LoadedConfig> {
  const notices: string[] = [];
  const own = source.override ?? (await firstExisting(source.base, CONFIG_PATHS));
  let config = defaultConfig();
  if (own) {
    const parsed = parseOrThrow(own.file, own.text);
    config = parsed.config;
    notices.push(...parsed.warnings);
  }
  const depcruise = await firstExisting(source.base, DEPCRUISE_JSON_PATHS);
  if (depcruise) {
    const parsed = parseDepcruiseJson(depcruise.text, depcruise.file);
    if (!parsed.ok) throw new ConfigError(parsed.error);
    config.forbidden = [...config.forbidden, ...parsed.forbidden];
  } else {
    const code = await firstExisting(source.base, DEPCRUISE_CODE_CONFIG_PATHS);
    if (code) notices.push(jsConfigNotice(code.file));
  }
  if (!own && !depcruise) {
    notices.push("No .github/archreview.yml at base: only new cycles and size limits are checked. Declare boundaries and rules to review layering.");
  }
  const changed = await changedConfig(source);
  return { config, configFile: own?.file ?? null, notices: [...notices, ...changed.notices], configChangedFile: changed.file, headBoundaryNames: changed.headNames };
}

/** Which config file the PR edits (first one), and the boundary names of the head's archreview config. */
async function changedConfig(source: ConfigSource): Promise<{ file: string | null; headNames: string[] | null; notices: string[] }> {
  let file: string | null = null;
  let headNames: string[] | null = null;
  const notices: string[] = [];
  for (const path of [...CONFIG_PATHS, ...DEPCRUISE_JSON_PATHS]) {
    const [before, after] = await Promise.all([source.base(path), source.head(path)]);
    if (before === after) continue;
    file ??= path;
    if (!CONFIG_PATHS.includes(path)) continue;
    if (after === null) {
      headNames = [];
      continue;
    }
    const parsed = parseConfig(after, path);
    if (parsed.ok) headNames = parsed.config.boundaries.map((b) => b.name);
    else notices.push(`This PR's ${path} is invalid and would fail the reviews after it merges: ${formatConfigError(parsed.error)}`);
  }
  return { file, headNames, notices };
}
