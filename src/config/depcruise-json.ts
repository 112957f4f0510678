// `.dependency-cruiser.json` text (JSON with comments) -> the dependency-cruiser rules it holds.
// The only dependency-cruiser config archreview reads: JS/TS configs would have to be executed
// (see jsConfigNotice). `extends` is resolved by depcruise-extends.ts.
import { isMap, isScalar, isSeq } from "yaml";
import { readDepcruiseKeys, type RawDepcruiseConfig } from "./depcruise-rules.js";
import type { DepcruiseSchemaValidator } from "./depcruise-schema.js";
import { ConfigError, formatConfigError } from "./errors.js";
import { deref, describe, detailAt, entriesOf, fail, indexPath, isNull, yamlErrorDetail, type ReadContext } from "./nodes.js";
import { stripJsonComments } from "./jsonc.js";
import { readYamlDocument, sizeProblem } from "./yaml-document.js";
import type { ConfigErrorDetail } from "./types.js";

/** One `extends` target, with where it is written (for errors about it). */
export interface ExtendsRef {
  specifier: string;
  at: ConfigErrorDetail;
}

export type DepcruiseJsonResult =
  | { ok: true; raw: RawDepcruiseConfig; extends: ExtendsRef[]; warnings: string[] }
  | { ok: false; error: ConfigErrorDetail };

/**
 * Accepts plain JSON plus `//` and `/* *\/` comments and trailing commas (read by the YAML parser,
 * JSON being YAML). With `validate` (dependency-cruiser's schema) every key is checked against it.
 */
export function parseDepcruiseJson(text: string, file: string, validate?: DepcruiseSchemaValidator): DepcruiseJsonResult {
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
  const ctx: ReadContext = { doc, lines, file, warnings: doc.warnings.map((w) => formatConfigError(yamlErrorDetail(w, file))) };
  const root = doc.contents;
  if (isNull(root)) return { ok: false, error: detailAt(ctx, root, null, "the file is empty: expected a JSON object") };
  if (!isMap(root)) return { ok: false, error: detailAt(ctx, root, null, `expected a JSON object at the top level, got ${describe(root)}`) };
  try {
    const entries = entriesOf(ctx, root, "", "a JSON object");
    const extendsEntry = entries.find((e) => e.name === "extends");
    const refs = extendsEntry === undefined || isNull(extendsEntry.value) ? [] : readExtends(ctx, extendsEntry.value, extendsEntry.path);
    const schemaOnly = Object.fromEntries(entries.filter((e) => e.name === "$schema" || e.name === "extends").map((e) => [e.name, (e.value as { toJSON(): unknown } | null)?.toJSON?.() ?? null]));
    const raw = readDepcruiseKeys(ctx, root, entries.filter((e) => !isNull(e.value)), validate, schemaOnly);
    return { ok: true, raw, extends: refs, warnings: ctx.warnings };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: e.detail };
    throw e;
  }
}

function readExtends(ctx: ReadContext, node: unknown, path: string): ExtendsRef[] {
  const items = isSeq(node) ? node.items.map((item, i) => ({ node: deref(ctx, item, indexPath(path, i)), path: indexPath(path, i) })) : [{ node, path }];
  return items.map((item) => {
    if (!isScalar(item.node) || typeof item.node.value !== "string" || item.node.value === "") fail(ctx, item.node, item.path, `expected a file name (a string), got ${describe(item.node)}`);
    return { specifier: item.node.value, at: detailAt(ctx, item.node, item.path, "") };
  });
}

function positionIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
