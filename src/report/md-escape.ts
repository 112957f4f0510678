// Every string that comes from the repository (paths, rule and boundary names, function names,
// notices) reaches the comment through these helpers: a file name must never be able to split
// a table cell, close a code span or fence, or inject HTML into the PR page.

import { replaceControlChars } from "./control-chars.js";

export interface MdContext {
  /** e.g. `https://github.com/o/r/blob/<headsha>/`; locations become links when set. */
  linkBase?: string;
}

// A newline in a file name would end a table row or a list item; made visible instead.
const oneLine = replaceControlChars;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text inside raw HTML (e.g. `<summary>`), where markdown is not parsed but tags are. */
export function escapeHtml(s: string): string {
  return oneLine(s).replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Plain markdown text: markdown punctuation is backslash-escaped (so `__init__` stays literal
 * and `|` cannot split a table cell), `<`, `>` and `&` become entities (so no tag survives).
 */
export function escapeText(s: string): string {
  return oneLine(s).replace(/[\\`*_[\]|~&<>]/g, (c) => (c === "&" || c === "<" || c === ">" ? ENTITIES[c]! : `\\${c}`));
}

/**
 * Our own sentences (notices) mark names with backticks: those spans become code spans, the
 * rest is escaped text, so `ignore` renders as code and nothing else is read as markdown.
 */
export function escapeTextWithCode(s: string): string {
  return oneLine(s)
    .split(/`([^`]+)`/)
    .map((part, i) => (i % 2 === 1 ? codeSpan(part) : escapeText(part)))
    .join("");
}

/** The shortest backtick fence that no run of backticks inside `s` can close. */
export function backtickFence(s: string, minimum: number): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(minimum, longest + 1));
}

/**
 * A code span. Its content is literal (no markdown, no HTML), so only the fence length and, in a
 * table, `|` need care: GFM splits cells on `|` even inside code spans unless it is written `\|`.
 */
export function codeSpan(s: string, inTable = false): string {
  let text = oneLine(s);
  if (inTable) text = text.replace(/\|/g, "\\|");
  const fence = backtickFence(text, 1);
  // CommonMark strips one space on each side, and needs one to separate a backtick from the fence.
  const pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Percent-encodes each path segment, including the characters that end a markdown link. */
function encodePath(file: string): string {
  return file
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/[()!*']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
}

/** `src/a.ts:12` as a link to that line when a link base is known, else as a code span. */
export function location(file: string, line: number | null, ctx: MdContext, inTable = false): string {
  const label = line === null ? file : `${file}:${line}`;
  if (!ctx.linkBase) return codeSpan(label, inTable);
  const base = ctx.linkBase.replace(/[\s()<>|]/g, encodeURIComponent);
  return `[${escapeText(label)}](${base}${encodePath(file)}${line === null ? "" : `#L${line}`})`;
}

export interface Column {
  title: string;
  /** Numbers read better right-aligned. */
  numeric?: boolean;
}

/** The heading, header row and delimiter row of a GFM table. */
export function tableHead(columns: Column[]): string {
  const titles = columns.map((c) => c.title).join(" | ");
  const rule = columns.map((c) => (c.numeric ? "---:" : "---")).join(" | ");
  return `| ${titles} |\n| ${rule} |`;
}

/** Cells are already escaped by the helpers above; this only lays them out. */
export function tableRow(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}
