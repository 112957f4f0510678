// Rules that can never fire, found before they mislead: a boundary glob that matches no file of the
// tree, or a rule naming a boundary that holds no module. Either is accepted by the parser (the
// config is valid YAML) and silently switches rules off; here each becomes a warning with a hint.
import picomatch from "picomatch";
import type { BoundaryDefinition, BoundaryRule } from "../config/types.js";
import { createBoundaryMatcher } from "./boundaries.js";

export interface BoundaryCoverage {
  /** Modules per boundary (first matching boundary wins, as in the review). */
  moduleCounts: Record<string, number>;
  /** One sentence per glob matching nothing and per rule naming an empty boundary. */
  warnings: string[];
}

export interface CoverageInput {
  boundaries: BoundaryDefinition[];
  rules: BoundaryRule[];
  /** Every file of the tree (repo-relative POSIX paths). */
  files: string[];
  /** The tree's source modules (`ignore` applied): what boundaries classify. */
  modules: string[];
  /** `base` or the revision's name: where the files were listed. */
  where: string;
}

export function boundaryCoverage(input: CoverageInput): BoundaryCoverage {
  const matcher = createBoundaryMatcher(input.boundaries);
  const moduleCounts: Record<string, number> = Object.fromEntries(input.boundaries.map((b) => [b.name, 0]));
  for (const module of input.modules) {
    const name = matcher.boundaryOf(module);
    if (name !== null) moduleCounts[name] = (moduleCounts[name] ?? 0) + 1;
  }
  const warnings = input.boundaries.flatMap((b) => b.patterns.flatMap((glob) => emptyGlobWarning(b.name, glob, input)));
  warnings.push(...emptyBoundaryRuleWarnings(input.rules, moduleCounts, input.where));
  return { moduleCounts, warnings };
}

function emptyGlobWarning(boundary: string, glob: string, input: CoverageInput): string[] {
  const matches = picomatch(glob, { dot: true });
  if (input.modules.some((m) => matches(m))) return [];
  const head = `Boundary \`${boundary}\`: glob \`${glob}\` matches no source module at ${input.where}, so its rules never fire`;
  const hint = globHint(glob, matches, input);
  return [`${head}${hint}${hint.endsWith("?") ? "" : "."}`];
}

/** The likely cause, from the tree itself: a leading `./`, the wrong case, a folder that moved. */
function globHint(glob: string, matches: (file: string) => boolean, input: CoverageInput): string {
  const stripped = glob.replace(/^(\.\/|\/)+/, "");
  if (stripped !== glob) return `: paths are repo-relative, write \`${stripped}\` (no leading \`${glob.startsWith("/") ? "/" : "./"}\`)`;
  const nocase = picomatch(glob, { dot: true, nocase: true });
  const caseMatch = input.modules.find((m) => nocase(m));
  if (caseMatch !== undefined) return `: globs are case-sensitive, and \`${caseMatch}\` matches it ignoring case`;
  const other = input.files.find((f) => matches(f));
  if (other !== undefined) return `: it matches \`${other}\`, which is not a source module archreview analyses (or is left out by \`ignore\`)`;
  const moved = movedFolder(glob, input.modules);
  if (moved !== null) return `: no folder \`${moved.missing}\`; did it move to \`${moved.found}\`?`;
  return ": check the path for a typo";
}

/** `src/domain/**` when `src/domain` is gone but some `.../domain/` holds modules. */
function movedFolder(glob: string, modules: string[]): { missing: string; found: string } | null {
  const base = picomatch.scan(glob).base;
  const last = base.split("/").filter((s) => s !== "").pop();
  if (!base || last === undefined) return null;
  const found = modules.map((m) => folderNamed(m, last)).find((f): f is string => f !== null && f !== base);
  return found === undefined ? null : { missing: base, found };
}

function folderNamed(module: string, name: string): string | null {
  const segments = module.split("/").slice(0, -1);
  const at = segments.lastIndexOf(name);
  return at < 0 ? null : segments.slice(0, at + 1).join("/");
}

/** A rule whose `from`, or a boundary it lists, holds no module: the rule (or that part of it) never fires. */
function emptyBoundaryRuleWarnings(rules: BoundaryRule[], counts: Record<string, number>, where: string): string[] {
  const warned = new Set<string>();
  const warnings: string[] = [];
  rules.forEach((rule, index) => {
    const named = [rule.from, ...(rule.allow ?? []), ...(rule.disallow ?? [])];
    for (const name of named) {
      if ((counts[name] ?? 0) > 0 || warned.has(`${index}\u0000${name}`)) continue;
      warned.add(`${index}\u0000${name}`);
      const part = name === rule.from ? "the rule never fires" : rule.allow?.includes(name) ? "allowing it allows nothing" : "no import into it can break the rule";
      warnings.push(`Rule ${index + 1} (\`from: ${rule.from}\`) names boundary \`${name}\`, which holds no source module at ${where}: ${part}.`);
    }
  });
  return warnings;
}
