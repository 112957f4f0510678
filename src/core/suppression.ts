// Findings a reviewer accepted: `// archreview-ignore-next-line <rule>: <reason>` on the line before
// the finding's line (one comment silences one finding), or a `suppress:` entry of the config. Both
// need a reason. Suppressed findings leave the counts but stay in the Review, counted in the footer.
import picomatch from "picomatch";
import type { SuppressEntry } from "../config/types.js";
import type { FileFacts, Finding, SuppressedFinding, SuppressionComment } from "./model.js";

export interface SuppressionResult {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** Comments that silence nothing because they give no reason. */
  notices: string[];
}

const namesRule = (f: Finding, rule: string): boolean => f.rule === rule || f.kind === rule;

/** The import target a `to` glob is matched against: the imported file, or the module a cycle's closing import reaches. */
function targetOf(f: Finding): string | null {
  if (f.kind === "boundary" || f.kind === "forbidden" || f.kind === "stability") return f.to;
  if (f.kind === "cycle") return f.modules[0] ?? null;
  return null;
}

function configMatcher(entries: SuppressEntry[]): (f: Finding) => SuppressEntry | undefined {
  const compiled = entries.map((e) => ({
    entry: e,
    from: e.from === undefined ? () => true : picomatch(e.from, { dot: true }),
    to: e.to === undefined ? null : picomatch(e.to, { dot: true }),
  }));
  return (f) =>
    compiled.find((c) => {
      if (!namesRule(f, c.entry.rule) || !c.from(f.file)) return false;
      if (c.to === null) return true;
      const target = targetOf(f);
      return target !== null && c.to(target);
    })?.entry;
}

export function applySuppressions(findings: Finding[], headFacts: Record<string, FileFacts>, entries: SuppressEntry[]): SuppressionResult {
  const used = new Set<SuppressionComment>();
  const byConfig = configMatcher(entries);
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    // Resolved findings are good news: nothing to silence.
    const comment = f.status === "new" && f.line !== null ? headFacts[f.file]?.suppressions?.find((c) => !used.has(c) && c.reason !== "" && c.line === f.line && namesRule(f, c.rule)) : undefined;
    const entry = comment === undefined && f.status === "new" ? byConfig(f) : undefined;
    if (comment !== undefined) {
      used.add(comment);
      suppressed.push({ finding: f, by: "comment", reason: comment.reason });
    } else if (entry !== undefined) suppressed.push({ finding: f, by: "config", reason: entry.reason });
    else kept.push(f);
  }
  const notices = Object.keys(headFacts).sort().flatMap((file) =>
    (headFacts[file]?.suppressions ?? [])
      .filter((c) => c.reason === "")
      .map((c) => `\`${file}:${c.line - 1}\`: \`archreview-ignore-next-line ${c.rule}\` gives no reason (\`: why\`), so it silences nothing.`),
  );
  return { kept, suppressed, notices };
}
