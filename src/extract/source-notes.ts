// Per-file notes beside sizes and complexity: the packages a file imports (concerns are judged on
// them) and its `archreview-ignore-next-line` comments (suppressions). Cheap: no second parse.
import type { PackageImport, SuppressionComment } from "../core/model.js";
import type { ImportSite } from "./source-facts.js";

const isBare = (specifier: string): boolean => !specifier.startsWith(".") && !specifier.startsWith("/") && specifier.length > 0;

/** Bare specifiers of value imports, first line each, in line order. Type-only imports bring no runtime concern. */
export function packageImportsOf(imports: ImportSite[]): PackageImport[] {
  const seen = new Map<string, number>();
  for (const site of imports) {
    if (site.typeOnly || !isBare(site.specifier) || seen.has(site.specifier)) continue;
    seen.set(site.specifier, site.line);
  }
  return [...seen].map(([specifier, line]) => ({ specifier, line }));
}

// `// archreview-ignore-next-line no-cycles: the reason`; the reason after `:` is required to take effect.
const SUPPRESSION = /^\s*\/\/\s*archreview-ignore-next-line\s+([^\s:]+)\s*(?::\s*(.*?))?\s*$/;

/** Every suppression comment on a line of its own, with the line it silences. */
export function suppressionComments(text: string): SuppressionComment[] {
  if (!text.includes("archreview-ignore-next-line")) return [];
  const found: SuppressionComment[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, i) => {
    const match = SUPPRESSION.exec(lineText);
    if (match) found.push({ line: i + 2, rule: match[1]!, reason: match[2] ?? "" });
  });
  return found;
}
