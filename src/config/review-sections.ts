// `cohesion:`, `concerns:`, `responsibility:` and `suppress:`: the settings of the findings that
// explain a change's design (class and boundary cohesion, mixed concerns) and of accepted findings.
import { isSeq } from "yaml";
import { readGlobs, SEVERITIES } from "./boundaries.js";
import { DEFAULT_COHESION, DEFAULT_CONCERNS, DEFAULT_RESPONSIBILITY } from "./defaults.js";
import { deref, describe, entriesOf, fail, indexPath, isNull, readChoice, readPositiveInteger, readString, readStringList, rejectUnknownKeys, type Entry, type ReadContext } from "./nodes.js";
import type { Config, CohesionSettings, ResponsibilitySettings, SeverityOrOff, SuppressEntry } from "./types.js";

const SEVERITIES_OR_OFF: readonly SeverityOrOff[] = [...SEVERITIES, "off"];

/** `cohesion: { classes: warn, boundaries: off, relationalDropPercent: 25 }`, any subset. */
export function readCohesion(ctx: ReadContext, entry: Entry): CohesionSettings {
  const cohesion: CohesionSettings = { ...DEFAULT_COHESION };
  const entries = entriesOf(ctx, entry.value, entry.path, "a mapping such as { classes: warn, boundaries: warn, relationalDropPercent: 25 }");
  rejectUnknownKeys(ctx, entries, ["classes", "boundaries", "relationalDropPercent"], "cohesion");
  for (const e of entries) {
    if (e.name === "relationalDropPercent") cohesion.relationalDropPercent = readPercent(ctx, e);
    else cohesion[e.name as "classes" | "boundaries"] = readChoice(ctx, e.value, e.path, SEVERITIES_OR_OFF);
  }
  return cohesion;
}

function readPercent(ctx: ReadContext, entry: Entry): number {
  const value = readPositiveInteger(ctx, entry.value, entry.path);
  if (value > 100) fail(ctx, entry.value, entry.path, `must be a percent from 1 to 100, got ${value}`);
  return value;
}

/** `responsibility: { severity: warn, maxBoundaries: 3, maxConcerns: 1 }`, any subset. */
export function readResponsibility(ctx: ReadContext, entry: Entry): ResponsibilitySettings {
  const settings: ResponsibilitySettings = { ...DEFAULT_RESPONSIBILITY };
  const entries = entriesOf(ctx, entry.value, entry.path, "a mapping such as { severity: warn, maxBoundaries: 3, maxConcerns: 1 }");
  rejectUnknownKeys(ctx, entries, ["severity", "maxBoundaries", "maxConcerns"], "responsibility");
  for (const e of entries) {
    if (e.name === "severity") settings.severity = readChoice(ctx, e.value, e.path, SEVERITIES_OR_OFF);
    else settings[e.name as "maxBoundaries" | "maxConcerns"] = readPositiveInteger(ctx, e.value, e.path);
  }
  return settings;
}

/** `concerns: { persistence: [typeorm, "**\/repositories/**"], ui: [] }`: each entry replaces the default of that name; `[]` drops it. */
export function readConcerns(ctx: ReadContext, entry: Entry): Record<string, string[]> {
  const concerns: Record<string, string[]> = Object.fromEntries(Object.entries(DEFAULT_CONCERNS).map(([k, v]) => [k, [...v]]));
  const entries = entriesOf(ctx, entry.value, entry.path, "a mapping of concern names to package names and path globs");
  for (const e of entries) {
    const items = isNull(e.value) || (isSeq(e.value) && e.value.items.length === 0) ? [] : readStringList(ctx, e.value, e.path, "package name or glob").items;
    // Globs are checked as the boundaries' are; package names are plain strings.
    const globs = items.filter((p) => p.includes("*"));
    if (globs.length > 0) readGlobs(ctx, e.value, e.path, true);
    if (items.length === 0) delete concerns[e.name];
    else concerns[e.name] = items;
  }
  return concerns;
}

/** `suppress: [{ rule: no-cycles, from: "src/legacy/**", reason: "..." }]`: `reason` is required. */
export function readSuppress(ctx: ReadContext, entry: Entry): SuppressEntry[] {
  if (!isSeq(entry.value)) fail(ctx, entry.value, entry.path, `expected a list of { rule, from?, to?, reason }, got ${describe(entry.value)}`);
  return entry.value.items.map((raw, index) => {
    const path = indexPath(entry.path, index);
    const item = deref(ctx, raw, path);
    const entries = entriesOf(ctx, item, path, "a mapping such as { rule: no-cycles, from: \"src/legacy/**\", reason: \"...\" }");
    rejectUnknownKeys(ctx, entries, ["rule", "from", "to", "reason"], "suppress entries");
    const found: Partial<SuppressEntry> = {};
    for (const e of entries) {
      if (e.name === "from" || e.name === "to") found[e.name] = readGlobs(ctx, e.value, e.path, false)[0]!;
      else found[e.name as "rule" | "reason"] = readString(ctx, e.value, e.path).trim();
    }
    if (!found.rule) fail(ctx, item, path, "a suppression needs `rule`: the rule name or finding kind it silences");
    if (!found.reason) fail(ctx, item, path, "a suppression needs a `reason`: why this finding is accepted");
    return found as SuppressEntry;
  });
}

export const REVIEW_SECTION_KEYS = ["cohesion", "concerns", "responsibility", "suppress"] as const;

/** Reads `entry` into `config` when it is one of REVIEW_SECTION_KEYS; false for any other key. */
export function readReviewSection(ctx: ReadContext, entry: Entry, config: Config): boolean {
  switch (entry.name) {
    case "cohesion":
      config.cohesion = readCohesion(ctx, entry);
      return true;
    case "concerns":
      config.concerns = readConcerns(ctx, entry);
      return true;
    case "responsibility":
      config.responsibility = readResponsibility(ctx, entry);
      return true;
    case "suppress":
      config.suppress = readSuppress(ctx, entry);
      return true;
    default:
      return false;
  }
}
