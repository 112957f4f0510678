// SARIF 2.1.0 for code scanning: one result per new finding, one rule per (kind, rule name), each
// result with a fingerprint that survives edits around it (sarif-fingerprint.ts) and, for a cycle or
// an import, the other modules involved as related locations.
// Pure: the CLI prints it, the GitHub Action writes it to the file its `sarif` input names.
import type { Finding, Review } from "../core/model.js";
import { viewOf } from "./finding-views.js";
import { FINGERPRINT_KEY, fingerprintsOf } from "./sarif-fingerprint.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

export interface SarifOptions {
  /** archreview's own version (package.json), shown by code scanning as the tool's version. */
  toolVersion?: string;
  /** Where to read about the tool, e.g. the project's repository URL. */
  informationUri?: string;
}

export interface SarifRuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { kind: Finding["kind"]; rule: string };
}

export type SarifLevel = "error" | "warning" | "note";

export interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: "%SRCROOT%" };
  region?: { startLine: number };
}

export interface SarifRelatedLocation {
  id: number;
  physicalLocation: SarifPhysicalLocation;
  message: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: SarifPhysicalLocation }[];
  /** Stable across pushes: code scanning tracks the alert by it, not by the line. */
  partialFingerprints: Record<typeof FINGERPRINT_KEY, string>;
  /** A cycle's other modules; an import's target. */
  relatedLocations?: SarifRelatedLocation[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: "archreview"; version?: string; informationUri?: string; rules: SarifRuleDescriptor[] } };
    results: SarifResult[];
    columnKind: "utf16CodeUnits";
  }[];
}

const LEVELS: Record<Finding["severity"], SarifLevel> = { error: "error", warn: "warning" };

/** Findings named by the user's rules keep the name in the id, so each rule has its own help text. */
const USER_NAMED: ReadonlySet<Finding["kind"]> = new Set(["boundary", "forbidden"]);

function ruleIdOf(f: Finding): string {
  const base = viewOf(f).sarif.id;
  return USER_NAMED.has(f.kind) ? `${base}/${f.rule}` : base;
}

function describeRule(f: Finding, id: string): SarifRuleDescriptor {
  const view = viewOf(f).sarif;
  const comment = f.reason.comment;
  return {
    id,
    name: f.rule,
    shortDescription: { text: view.shortDescription },
    ...(comment ? { fullDescription: { text: comment } } : {}),
    // The rule's own comment says why it exists; the kind's help says what to do.
    help: { text: comment ? `${comment}\n\n${view.help}` : view.help },
    defaultConfiguration: { level: LEVELS[f.severity] },
    properties: { kind: f.kind, rule: f.rule },
  };
}

const plainPaint = (_style: unknown, text: string): string => text;

/** The annotation's sentence where there is one; otherwise the terminal line (no line to sit on). */
function messageOf(f: Finding): string {
  const view = viewOf(f);
  return view.annotation(f)?.message ?? `${view.sarif.shortDescription}: ${view.terminal(f, plainPaint)}`;
}

/** A repo-relative POSIX path as a URI reference: each segment percent-encoded, slashes kept. */
export function pathToUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

const fileLocation = (file: string): SarifPhysicalLocation => ({ artifactLocation: { uri: pathToUri(file), uriBaseId: "%SRCROOT%" } });

/** The other files a finding is about: each other module of a cycle (in cycle order), or the imported module. */
function relatedFiles(f: Finding): { file: string; text: string }[] {
  const cycle = f.kind === "cycle" ? f.modules : f.kind === "forbidden" ? f.cycle : undefined;
  if (cycle) {
    const n = cycle.length;
    return cycle.flatMap((file, i) => (file === f.file ? [] : [{ file, text: `module ${i + 1} of ${n} in the cycle` }]));
  }
  if (f.kind === "boundary" || f.kind === "forbidden" || f.kind === "stability") return f.to === f.file ? [] : [{ file: f.to, text: "the imported module" }];
  return [];
}

function resultOf(f: Finding, ruleId: string, ruleIndex: number, fingerprint: string): SarifResult {
  // A whole-file finding (no line) has no region: code scanning shows it on the file.
  const region = f.line !== null && f.line > 0 ? { region: { startLine: f.line } } : {};
  const related = relatedFiles(f).map((r, i): SarifRelatedLocation => ({ id: i + 1, physicalLocation: fileLocation(r.file), message: { text: r.text } }));
  return {
    ruleId,
    ruleIndex,
    level: LEVELS[f.severity],
    message: { text: messageOf(f) },
    locations: [{ physicalLocation: { ...fileLocation(f.file), ...region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(related.length > 0 ? { relatedLocations: related } : {}),
  };
}

/** The review's new findings as one SARIF run (resolved findings are not results). */
export function sarifLog(review: Review, options: SarifOptions = {}): SarifLog {
  const rules: SarifRuleDescriptor[] = [];
  const indexById = new Map<string, number>();
  const results: SarifResult[] = [];
  const fresh = review.findings.filter((f) => f.status === "new");
  const fingerprints = fingerprintsOf(fresh);
  for (const [i, finding] of fresh.entries()) {
    const id = ruleIdOf(finding);
    let index = indexById.get(id);
    if (index === undefined) {
      index = rules.push(describeRule(finding, id)) - 1;
      indexById.set(id, index);
    }
    results.push(resultOf(finding, id, index, fingerprints[i] as string));
  }
  const driver = {
    name: "archreview" as const,
    ...(options.toolVersion ? { version: options.toolVersion } : {}),
    ...(options.informationUri ? { informationUri: options.informationUri } : {}),
    rules,
  };
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [{ tool: { driver }, results, columnKind: "utf16CodeUnits" }] };
}

/** SARIF as the file code scanning uploads: indented JSON with a trailing newline. */
export function renderSarif(review: Review, options: SarifOptions = {}): string {
  return `${JSON.stringify(sarifLog(review, options), null, 2)}\n`;
}
