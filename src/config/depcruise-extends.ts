// `extends` of a .dependency-cruiser.json, resolved as dependency-cruiser does (each target merged
// under the extending config, in order) but only to data: JSON files inside the repository, and
// dependency-cruiser's bundled presets (read as data by the caller). Code configs are refused.
import { finishRules, graphOptionsOf, mergeDepcruiseConfigs, type RawDepcruiseConfig } from "./depcruise-rules.js";
import { parseDepcruiseJson, type ExtendsRef } from "./depcruise-json.js";
import type { DepcruiseSchemaValidator } from "./depcruise-schema.js";
import { ConfigError } from "./errors.js";
import type { ConfigErrorDetail, DepcruiseRules } from "./types.js";

/** Deeper chains are a mistake (or a trick to make the review read many files). */
export const MAX_EXTENDS_FILES = 16;
const CODE_EXTENSIONS = [".js", ".cjs", ".mjs", ".ts", ".cts", ".mts"];

export interface DepcruiseConfigIo {
  validate?: DepcruiseSchemaValidator;
  /** A repo-relative file's text, null when absent. */
  read: (file: string) => Promise<string | null>;
  /** A bundled preset (`dependency-cruiser/configs/recommended-strict`) as data, or null when the name is not one. */
  preset: (specifier: string) => Record<string, unknown> | null;
}

export type DepcruiseConfigResult = { ok: true; rules: DepcruiseRules; warnings: string[]; files: string[] } | { ok: false; error: ConfigErrorDetail };

/** The rules of `file` with every `extends` merged in; `files` lists the repository files read. */
export async function loadDepcruiseConfig(file: string, text: string, io: DepcruiseConfigIo): Promise<DepcruiseConfigResult> {
  const state = { warnings: [] as string[], files: [file] };
  try {
    const raw = await resolveFile(file, text, io, state, [file]);
    return { ok: true, rules: finishRules(raw), warnings: state.warnings, files: state.files };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: e.detail };
    throw e;
  }
}

interface State {
  warnings: string[];
  files: string[];
}

async function resolveFile(file: string, text: string, io: DepcruiseConfigIo, state: State, chain: string[]): Promise<RawDepcruiseConfig> {
  const parsed = parseDepcruiseJson(text, file, io.validate);
  if (!parsed.ok) throw new ConfigError(parsed.error);
  state.warnings.push(...parsed.warnings);
  let config = parsed.raw;
  for (const ref of parsed.extends) config = mergeDepcruiseConfigs(config, await resolveRef(file, ref, io, state, chain));
  return config;
}

function refError(ref: ExtendsRef, reason: string): ConfigError {
  return new ConfigError({ ...ref.at, reason });
}

async function resolveRef(from: string, ref: ExtendsRef, io: DepcruiseConfigIo, state: State, chain: string[]): Promise<RawDepcruiseConfig> {
  const spec = ref.specifier;
  if (spec.startsWith("dependency-cruiser/")) {
    const preset = io.preset(spec);
    if (preset === null) throw refError(ref, `"${spec}" is not one of dependency-cruiser's bundled presets archreview reads (dependency-cruiser/configs/recommended, recommended-strict, recommended-warn-only)`);
    return presetConfig(preset);
  }
  if (!spec.startsWith("./") && !spec.startsWith("../")) {
    throw refError(ref, `archreview reads only files inside the repository ("./...") and dependency-cruiser's bundled presets, not "${spec}"`);
  }
  const target = joinInside(dirOf(from), spec);
  if (target === null) throw refError(ref, `"${spec}" leaves the repository`);
  if (CODE_EXTENSIONS.some((ext) => target.endsWith(ext))) throw refError(ref, codeHint(target));
  const found = await readJson(target, io);
  if (found === null) {
    for (const ext of CODE_EXTENSIONS) if ((await io.read(target + ext)) !== null) throw refError(ref, codeHint(target + ext));
    throw refError(ref, `"${spec}" was not found (looked for ${target}${target.endsWith(".json") ? "" : ` and ${target}.json`})`);
  }
  if (chain.includes(found.file)) throw refError(ref, `extends is circular: ${[...chain, found.file].join(" -> ")}`);
  if (state.files.length >= MAX_EXTENDS_FILES) throw refError(ref, `archreview reads at most ${MAX_EXTENDS_FILES} dependency-cruiser config files through extends`);
  state.files.push(found.file);
  return resolveFile(found.file, found.text, io, state, [...chain, found.file]);
}

async function readJson(target: string, io: DepcruiseConfigIo): Promise<{ file: string; text: string } | null> {
  const candidates = target.endsWith(".json") ? [target] : [target, `${target}.json`];
  for (const file of candidates) {
    const text = await io.read(file);
    if (text !== null) return { file, text };
  }
  return null;
}

function codeHint(file: string): string {
  return `${file} is code: archreview never executes configuration from the repository; convert it to JSON (a .json file with the same object)`;
}

function presetConfig(preset: Record<string, unknown>): RawDepcruiseConfig {
  const list = (key: string): unknown[] => (Array.isArray(preset[key]) ? (preset[key] as unknown[]) : []);
  const raw: RawDepcruiseConfig = { forbidden: list("forbidden"), allowed: list("allowed"), required: list("required"), options: graphOptionsOf(preset.options) };
  if (typeof preset.allowedSeverity === "string") raw.allowedSeverity = preset.allowedSeverity;
  return raw;
}

function dirOf(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash === -1 ? "" : file.slice(0, slash);
}

/** `dir` + relative `spec` as a normalized repo-relative path, or null when it climbs out of the repository. */
function joinInside(dir: string, spec: string): string | null {
  const parts = dir === "" ? [] : dir.split("/");
  for (const segment of spec.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.length === 0 ? null : parts.join("/");
}
