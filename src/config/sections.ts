// The top-level settings other than boundaries, rules and forbidden.
import { isMap, isScalar } from "yaml";
import { SEVERITIES } from "./boundaries.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import { readGrowth } from "./generated.js";
import {
  entriesOf,
  fail,
  readBoolean,
  readChoice,
  readPositiveInteger,
  readString,
  rejectUnknownKeys,
  type Entry,
  type ReadContext,
} from "./nodes.js";
import type { Config, Limits, SeverityOrOff } from "./types.js";

const SEVERITIES_OR_OFF: readonly SeverityOrOff[] = [...SEVERITIES, "off"];
const FAIL_ON: readonly Config["failOn"][] = ["error", "warn", "never"];

/** `cycles: warn` or `cycles: { severity: warn, includeTypeOnly: true }`. */
export function readCycles(ctx: ReadContext, entry: Entry): Config["cycles"] {
  const cycles = { ...DEFAULT_CONFIG.cycles };
  if (!isMap(entry.value)) {
    if (!isScalar(entry.value)) fail(ctx, entry.value, entry.path, "expected error, warn, off or a mapping { severity, includeTypeOnly }");
    cycles.severity = readChoice(ctx, entry.value, entry.path, SEVERITIES_OR_OFF);
    return cycles;
  }
  const entries = entriesOf(ctx, entry.value, entry.path, "a mapping");
  rejectUnknownKeys(ctx, entries, ["severity", "includeTypeOnly"], "cycles");
  for (const e of entries) {
    if (e.name === "severity") cycles.severity = readChoice(ctx, e.value, e.path, SEVERITIES_OR_OFF);
    else cycles.includeTypeOnly = readBoolean(ctx, e.value, e.path);
  }
  return cycles;
}

export function readStability(ctx: ReadContext, entry: Entry): SeverityOrOff {
  return readChoice(ctx, entry.value, entry.path, SEVERITIES_OR_OFF);
}

/** Any subset of the limits; the rest keep their defaults. */
export function readLimits(ctx: ReadContext, entry: Entry): Limits {
  const limits = { ...DEFAULT_CONFIG.limits };
  const entries = entriesOf(ctx, entry.value, entry.path, "a mapping such as { fileLines: 500, severity: warn }");
  rejectUnknownKeys(ctx, entries, ["fileLines", "functionComplexity", "publicMethods", "severity", "growth"], "limits");
  for (const e of entries) {
    if (e.name === "severity") limits.severity = readChoice(ctx, e.value, e.path, SEVERITIES);
    else if (e.name === "growth") limits.growth = readGrowth(ctx, e);
    else limits[e.name as "fileLines" | "functionComplexity" | "publicMethods"] = readPositiveInteger(ctx, e.value, e.path);
  }
  return limits;
}

/** `adr: false` turns ADR stubs off; `adr: { directory: docs/adr }` says where records live. */
export function readAdr(ctx: ReadContext, entry: Entry): Config["adr"] {
  const adr = { ...DEFAULT_CONFIG.adr };
  if (isScalar(entry.value) && typeof entry.value.value === "boolean") {
    adr.enabled = entry.value.value;
    return adr;
  }
  const entries = entriesOf(ctx, entry.value, entry.path, "false, true or a mapping such as { directory: docs/adr }");
  rejectUnknownKeys(ctx, entries, ["directory", "enabled"], "adr");
  for (const e of entries) {
    if (e.name === "enabled") adr.enabled = readBoolean(ctx, e.value, e.path);
    else adr.directory = readDirectory(ctx, e);
  }
  return adr;
}

/** A folder inside the repository, returned without `./` or a trailing `/`. */
function readDirectory(ctx: ReadContext, entry: Entry): string {
  const raw = readString(ctx, entry.value, entry.path);
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw) || raw.startsWith("\\")) {
    fail(ctx, entry.value, entry.path, `must be a path relative to the repository root, got absolute path "${raw}"`);
  }
  if (raw.includes("\\")) fail(ctx, entry.value, entry.path, `use forward slashes: "${raw}"`);
  const segments = raw.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) fail(ctx, entry.value, entry.path, `must stay inside the repository: ".." is not allowed in "${raw}"`);
  if (segments.length === 0) fail(ctx, entry.value, entry.path, `must name a folder inside the repository, got "${raw}"`);
  return segments.join("/");
}

export function readFailOn(ctx: ReadContext, entry: Entry): Config["failOn"] {
  return readChoice(ctx, entry.value, entry.path, FAIL_ON);
}
