// `.dependency-cruiser.json` text -> its `forbidden` rules. The only dependency-cruiser config
// archreview reads: JS/TS configs would have to be executed (see jsConfigNotice).
import { isMap } from "yaml";
import { ConfigError } from "./errors.js";
import { readForbidden } from "./forbidden.js";
import { describe, detailAt, entriesOf, isNull, type ReadContext } from "./nodes.js";
import { stripJsonComments } from "./jsonc.js";
import { readYamlDocument, sizeProblem } from "./yaml-document.js";
import type { ConfigErrorDetail } from "./types.js";

export type DepcruiseJsonResult = { ok: true; forbidden: unknown[] } | { ok: false; error: ConfigErrorDetail };

/**
 * Accepts plain JSON plus `//` and `/* *\/` comments and trailing commas (read by the YAML parser,
 * JSON being YAML). Keys other than `forbidden` (options, extends, ...) are ignored.
 */
export function parseDepcruiseJson(text: string, file: string): DepcruiseJsonResult {
  const tooLarge = sizeProblem(text);
  if (tooLarge !== null) return { ok: false, error: { file, line: null, column: null, key: null, reason: tooLarge } };
  const stripped = stripJsonComments(text);
  if (!stripped.ok) {
    const pos = positionIn(text, stripped.offset);
    return { ok: false, error: { file, line: pos.line, column: pos.col, key: null, reason: stripped.reason } };
  }
  const read = readYamlDocument(stripped.text, file);
  if (!read.ok) return { ok: false, error: { ...read.error, reason: `invalid JSON: ${read.error.reason}` } };
  const { doc, lines } = read;
  const ctx: ReadContext = { doc, lines, file, warnings: [] };
  const root = doc.contents;
  if (isNull(root)) return { ok: false, error: detailAt(ctx, root, null, "the file is empty: expected a JSON object") };
  if (!isMap(root)) return { ok: false, error: detailAt(ctx, root, null, `expected a JSON object at the top level, got ${describe(root)}`) };
  try {
    const forbidden = entriesOf(ctx, root, "", "a JSON object").find((e) => e.name === "forbidden");
    return { ok: true, forbidden: forbidden === undefined ? [] : readForbidden(ctx, forbidden.value, forbidden.path) };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: e.detail };
    throw e;
  }
}

function positionIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
