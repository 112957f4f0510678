// The configuration that judges a change: always the base's (a PR must not loosen the rules that
// judge it); the head's is only compared, to report a boundary change.
import { CONFIG_PATHS, DEPCRUISE_CODE_CONFIG_PATHS, DEPCRUISE_JSON_PATHS, defaultConfig } from "../config/defaults.js";
import { loadDepcruiseConfig } from "../config/depcruise-extends.js";
import { addDepcruiseRules } from "../config/depcruise-rules.js";
import type { DepcruiseSchemaValidator } from "../config/depcruise-schema.js";
import { ConfigError, jsConfigNotice } from "../config/errors.js";
import { parseConfig } from "../config/parse.js";
import type { Config, ConfigErrorDetail } from "../config/types.js";
import type { FindingOf } from "../core/model.js";
import { BUILT_IN_RULES } from "../core/finding.js";
import { refusalText, safeExcerpt, TreeFileRefusedError } from "../extract/tree-file.js";

/**
 * Reads a repo-relative file of one tree; null when it does not exist. May reject with a
 * TreeFileRefusedError (a link out of the tree, a device...): the file is then skipped with a notice.
 */
export type TreeReader = (file: string) => Promise<string | null>;

/** `read`, with a refusal turned into a notice (naming the path, never the target) and "no file". */
async function readOrNotice(read: TreeReader, file: string, notices: string[], side: string): Promise<string | null> {
  try {
    return await read(file);
  } catch (error) {
    if (!(error instanceof TreeFileRefusedError)) throw error;
    const notice = `${side}: ${refusalText(error.refusal)}`;
    if (!notices.includes(notice)) notices.push(notice);
    return null;
  }
}

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
  /** The head's archreview config when the PR edits it and it parses: what its rules flag is previewed. */
  headConfig?: Config | null;
  /** The PR's config files that do not parse: findings, since every review after the merge would fail. */
  findings?: FindingOf<"config">[];
}

async function firstExisting(read: TreeReader, paths: readonly string[], notices: string[]): Promise<{ file: string; text: string } | null> {
  for (const file of paths) {
    const text = await readOrNotice(read, file, notices, "At base");
    if (text !== null) return { file, text };
  }
  return null;
}

// dependency-cruiser's schema and the preset reader (TypeScript's parser) cost a module graph to load:
// only a config that names dependency-cruiser's keys (or a .dependency-cruiser.json) loads them.
const DEPCRUISE_KEYS = /\b(forbidden|allowed|allowedSeverity|required|options)\b/;

async function schemaFor(text: string | null, always = false): Promise<DepcruiseSchemaValidator | undefined> {
  if (!always && (text === null || !DEPCRUISE_KEYS.test(text))) return undefined;
  return (await import("../extract/depcruise-package.js")).loadDepcruiseSchema();
}

function parseOrThrow(file: string, text: string, validate: DepcruiseSchemaValidator | undefined): { config: Config; warnings: string[] } {
  const parsed = parseConfig(text, file, validate);
  if (!parsed.ok) throw new ConfigError(parsed.error);
  return parsed;
}

/** Bundled presets as data: `preset(specifier)` is null when `specifier` names none. */
async function presetReader(): Promise<(specifier: string) => Record<string, unknown> | null> {
  const { presetName, readDepcruisePreset } = await import("../extract/depcruise-presets.js");
  return (specifier) => {
    const name = presetName(specifier);
    return name === null ? null : readDepcruisePreset(name);
  };
}

export async function loadConfig(source: ConfigSource): Promise<LoadedConfig> {
  const notices: string[] = [];
  const own = source.override ?? (await firstExisting(source.base, CONFIG_PATHS, notices));
  let config = defaultConfig();
  if (own) {
    // dependency-cruiser's own schema: its keys are checked in full, wherever they are written.
    const parsed = parseOrThrow(own.file, own.text, await schemaFor(own.text));
    config = parsed.config;
    notices.push(...parsed.warnings);
  }
  const depcruise = await firstExisting(source.base, DEPCRUISE_JSON_PATHS, notices);
  if (depcruise) {
    const read = (file: string): Promise<string | null> => readOrNotice(source.base, file, notices, "At base");
    const validate = await schemaFor(depcruise.text, true);
    const loaded = await loadDepcruiseConfig(depcruise.file, depcruise.text, { validate, read, preset: await presetReader() });
    if (!loaded.ok) throw new ConfigError(loaded.error);
    notices.push(...loaded.warnings);
    // archreview.yml's own options win over the JSON's (they were read first).
    addDepcruiseRules(config, loaded.rules);
  } else {
    const code = await firstExisting(source.base, DEPCRUISE_CODE_CONFIG_PATHS, notices);
    if (code) notices.push(jsConfigNotice(code.file));
  }
  if (!own && !depcruise) {
    notices.push("No .github/archreview.yml at base: only new cycles and size limits are checked. Declare boundaries and rules to review layering.");
  }
  const changed = await changedConfig(source);
  return {
    config,
    configFile: own?.file ?? null,
    notices: [...notices, ...changed.notices],
    configChangedFile: changed.file,
    headBoundaryNames: changed.headNames,
    headConfig: changed.headConfig,
    findings: changed.findings,
  };
}

interface ChangedConfig {
  file: string | null;
  headNames: string[] | null;
  headConfig: Config | null;
  notices: string[];
  findings: FindingOf<"config">[];
}

/** The PR's .dependency-cruiser.json read as the base's would be (schema, extends, presets): a finding when it fails. */
async function invalidDepcruiseJson(path: string, text: string, head: TreeReader): Promise<FindingOf<"config"> | null> {
  const read = (file: string): Promise<string | null> => readOrNotice(head, file, [], "At head");
  const loaded = await loadDepcruiseConfig(path, text, { validate: await schemaFor(text, true), read, preset: await presetReader() });
  return loaded.ok ? null : invalidConfigFinding(loaded.error.file, loaded.error);
}

/** A head config that does not parse, on its line, in the parser's words (clipped: the file is the PR's). */
function invalidConfigFinding(file: string, error: ConfigErrorDetail): FindingOf<"config"> {
  const problem = safeExcerpt(error.key === null ? error.reason : `${error.key}: ${error.reason}`, 300);
  return { kind: "config", rule: BUILT_IN_RULES.config, severity: "error", status: "new", file, line: error.line, reason: {}, problem, column: error.column };
}

/** Which config file the PR edits (first one), and the boundary names of the head's archreview config. */
async function changedConfig(source: ConfigSource): Promise<ChangedConfig> {
  let file: string | null = null;
  let headNames: string[] | null = null;
  let headConfig: Config | null = null;
  const notices: string[] = [];
  const findings: FindingOf<"config">[] = [];
  for (const path of [...CONFIG_PATHS, ...DEPCRUISE_JSON_PATHS]) {
    const headRefusals: string[] = [];
    // Base refusals were noticed when the base config was read; a refused head file is the PR's.
    const [before, after] = await Promise.all([readOrNotice(source.base, path, [], "At base"), readOrNotice(source.head, path, headRefusals, "At head")]);
    notices.push(...headRefusals);
    const headRefused = headRefusals.length > 0;
    if (before === after && !headRefused) continue;
    file ??= path;
    if (headRefused) continue;
    if (!CONFIG_PATHS.includes(path)) {
      const invalid = after === null ? null : await invalidDepcruiseJson(path, after, source.head);
      if (invalid) findings.push(invalid);
      continue;
    }
    if (after === null) {
      headNames = [];
      continue;
    }
    const parsed = parseConfig(after, path, await schemaFor(after));
    if (parsed.ok) {
      headNames = parsed.config.boundaries.map((b) => b.name);
      headConfig = parsed.config;
    } else findings.push(invalidConfigFinding(path, parsed.error));
  }
  return { file, headNames, headConfig, notices, findings };
}
