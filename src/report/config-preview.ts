// The preview of a PR's new or edited archreview config (core/config-preview.ts): per rule, how many
// imports and cycles it flags at head and the first few, then each boundary's module count. In the
// PR comment (and so the check run) and the terminal; the JSON has it as `configPreview`.
import type { ConfigPreview, PreviewedRule } from "../core/config-preview.js";
import type { Review } from "../core/model.js";
import { viewOf } from "./finding-views.js";
import type { Block } from "./fit.js";
import { codeSpan, escapeText, escapeTextWithCode, type MdContext } from "./md-escape.js";
import { clean, type Paint } from "./terminal-style.js";

const title = (p: ConfigPreview): string => `What this PR's ${p.file} flags at head`;
const scope = "(boundary rules and cycles over the whole head; `archreview check --rev HEAD` also applies size limits and dependency-cruiser rules)";
const boundaryList = (p: ConfigPreview, name: (n: string) => string): string =>
  Object.entries(p.boundaries).map(([n, count]) => `${name(n)} ${count}`).join(" · ");

export function previewTextLines(review: Review, paint: Paint): string[] {
  const p = review.configPreview;
  if (!p) return [];
  const lines = ["", paint("bold", clean(title(p))), paint("dim", `  ${scope.replace(/`/g, "")}`)];
  if (p.rules.length === 0) lines.push("  nothing flagged");
  const width = Math.max(0, ...p.rules.map((r) => clean(r.rule).length));
  for (const r of p.rules) {
    lines.push(`  ${r.severity === "error" ? "error" : "warn "}  ${clean(r.rule).padEnd(width)}  ${r.count}`);
    lines.push(...r.examples.map((f) => `         ${viewOf(f).terminal(f, paint)}`), ...more(r).map((m) => paint("dim", `         ${m}`)));
  }
  if (Object.keys(p.boundaries).length > 0) lines.push(`  boundaries (source modules): ${clean(boundaryList(p, (n) => n))}`);
  lines.push(...p.warnings.map((w) => `  ${paint("yellow", "warning:")} ${clean(w)}`));
  return lines;
}

const more = (r: PreviewedRule): string[] => (r.count > r.examples.length ? [`…and ${r.count - r.examples.length} more`] : []);

export function previewBlock(review: Review, ctx: MdContext): Block[] {
  const p = review.configPreview;
  if (!p) return [];
  const rows = p.rules.flatMap((r) => [
    `- **${escapeText(r.severity)}** ${codeSpan(r.rule)}: ${r.count}`,
    ...r.examples.map((f) => `  - ${viewOf(f).cells(f, ctx).join(" — ")}`),
    ...more(r).map((m) => `  - ${m}`),
  ]);
  if (rows.length === 0) rows.push("- nothing flagged");
  if (Object.keys(p.boundaries).length > 0) rows.push(`- Boundaries (source modules): ${boundaryList(p, (n) => codeSpan(n))}`);
  rows.push(...p.warnings.map((w) => `- ⚠️ ${escapeTextWithCode(w)}`));
  return [{ id: "config-preview", head: `#### ${escapeText(title(p))}\n\n${escapeTextWithCode(scope)}\n`, rows, tail: "" }];
}
