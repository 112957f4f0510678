// The yaml package's errors and warnings, as our error details.
import type { YAMLError } from "yaml";
import type { ConfigErrorDetail } from "./types.js";

/** A YAML parser error or warning, placed where the parser says; the position suffix of its message is dropped. */
export function yamlErrorDetail(e: YAMLError, file: string): ConfigErrorDetail {
  const start = e.linePos?.[0];
  const firstLine = e.message.split("\n")[0] ?? e.message;
  const reason = firstLine.replace(/ at line \d+, column \d+:?\s*$/, "");
  return { file, line: start?.line ?? null, column: start?.col ?? null, key: null, reason: clip(reason, 200) };
}

/** At most `max` characters of user-controlled text in a message (the rest is elided). */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
