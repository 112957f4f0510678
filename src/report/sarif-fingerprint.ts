// What makes a finding the same finding from one push to the next, for code scanning's alert
// tracking (SARIF `partialFingerprints`): its rule, its file and what it is about (the imported
// module, the cycle's modules, the function's name), never its line, which moves with every edit
// above it. Pure: a 64-bit FNV-1a hash, no node:crypto (report/ does no I/O and loads no built-in).
import type { Finding, FindingKind, FindingOf } from "../core/model.js";

/** Our own key: GitHub reserves `primaryLocationLineHash` and recomputes it from the line's text. */
export const FINGERPRINT_KEY = "archreviewFinding/v1";

/** A cycle the same whichever module it is read from: rotated to start at its smallest path. */
export function normalisedCycle(modules: string[]): string[] {
  if (modules.length === 0) return [];
  let start = 0;
  for (let i = 1; i < modules.length; i++) if ((modules[i] as string) < (modules[start] as string)) start = i;
  return [...modules.slice(start), ...modules.slice(0, start)];
}

/** What each kind is about, beyond its rule: the parts of its identity that do not move with lines. */
const SUBJECT: { [K in FindingKind]: (f: FindingOf<K>) => string[] } = {
  config: (f) => [f.file],
  boundary: (f) => [f.file, f.to],
  forbidden: (f) => (f.cycle ? normalisedCycle(f.cycle) : [f.file, f.to]),
  stability: (f) => [f.file, f.to],
  cycle: (f) => normalisedCycle(f.modules),
  "oversized-file": (f) => [f.file],
  "complex-function": (f) => [f.file, f.name],
  "large-class": (f) => [f.file, f.name],
  "unanalysable-file": (f) => [f.file],
  "low-cohesion-class": (f) => [f.file, f.name],
  // The file of a split boundary is one of its loose modules: which one may change, the boundary does not.
  "boundary-cohesion": (f) => [f.boundary],
  "mixed-concerns": (f) => [f.file],
  "boundary-fan-out": (f) => [f.file],
};

/** The finding's identity as text: kind, rule and subject, joined by a separator no path or name holds. */
export function identityOf(f: Finding): string {
  const subject = (SUBJECT[f.kind] as (finding: Finding) => string[])(f);
  return [f.kind, f.rule, ...subject].join("\u0000");
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a over the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash.toString(16).padStart(16, "0");
}

/**
 * One fingerprint per finding, in order. Two findings with the same identity in one review (two
 * functions of one name in a file) are told apart by their order of appearance: `#2`, `#3`...
 */
export function fingerprintsOf(findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const identity = identityOf(f);
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return fnv1a64(occurrence === 1 ? identity : `${identity}\u0000#${occurrence}`);
  });
}
