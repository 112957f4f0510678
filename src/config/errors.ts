// How configuration problems are shown to people: one grep-able line per error.
import type { ConfigErrorDetail } from "./types.js";

/** `FILE:LINE:COL: KEY: REASON`, leaving out the parts that are unknown (null). */
export function formatConfigError(e: ConfigErrorDetail): string {
  let where = e.file;
  if (e.line !== null) {
    where += `:${e.line}`;
    if (e.column !== null) where += `:${e.column}`;
  }
  return e.key === null ? `${where}: ${e.reason}` : `${where}: ${e.key}: ${e.reason}`;
}

/** An invalid configuration; `message` is the formatted one-line error. */
export class ConfigError extends Error {
  readonly detail: ConfigErrorDetail;

  constructor(detail: ConfigErrorDetail) {
    super(formatConfigError(detail));
    this.name = "ConfigError";
    this.detail = detail;
  }
}

/**
 * What to tell users whose only dependency-cruiser config is code (`.dependency-cruiser.js`, ...):
 * running it would execute code from the pull request, so it is never read.
 */
export function jsConfigNotice(file: string): string {
  const command = `node -e 'import("./${file}").then(m => console.log(JSON.stringify((m.default ?? m).forbidden, null, 2)))'`;
  // Plain `node` only imports TypeScript from 22.18 on (type stripping on by default).
  const typescript = /\.[cm]?ts$/.test(file) ? " (Node 22.18 or later for a TypeScript file)" : "";
  return (
    `archreview never executes code from the repository it reviews, so ${file} was not read and its rules were not applied. ` +
    "Move its `forbidden` rules into .dependency-cruiser.json (plain JSON, same schema) or under the `forbidden:` key of .github/archreview.yml. " +
    `Running \`${command}\` locally from the repository root${typescript} prints them as JSON.`
  );
}
