// `boundaries:` (named groups of files) and `rules:` (which boundary may import which).
import { isSeq } from "yaml";
import type { Severity } from "../core/model.js";
import {
  deref,
  entriesOf,
  fail,
  indexPath,
  isNull,
  readBoolean,
  readChoice,
  readString,
  readStringList,
  rejectUnknownKeys,
  warn,
  type Entry,
  type ReadContext,
} from "./nodes.js";
import { globProblem, quoteGlob } from "./glob-safety.js";
import { didYouMean } from "./suggest.js";
import { clip } from "./yaml-errors.js";
import type { BoundaryDefinition, BoundaryRule } from "./types.js";

export const SEVERITIES: readonly Severity[] = ["error", "warn"];
const RULE_KEYS = ["from", "disallow", "allow", "severity", "allowTypeOnly", "comment"] as const;

/** Globs are matched against repo-relative POSIX paths; `allowEmpty` is false where an empty list means nothing. */
export function readGlobs(ctx: ReadContext, node: unknown, key: string, allowEmpty: boolean): string[] {
  if (!allowEmpty && isNull(node)) fail(ctx, node, key, "expected a glob or a list of globs, got nothing");
  const { items, nodes } = readStringList(ctx, node, key, "glob");
  if (items.length === 0 && !allowEmpty) fail(ctx, node, key, "the list of globs is empty: it would match no file");
  items.forEach((glob, index) => {
    const unsafe = globProblem(glob);
    if (unsafe !== null) fail(ctx, nodes[index], nodes.length === 1 && node === nodes[0] ? key : indexPath(key, index), `glob ${quoteGlob(glob)} ${unsafe}`);
    // A leading `./` or `/` never matches a repo-relative path: say so rather than silently match nothing.
    if (glob.startsWith("./") || glob.startsWith("/")) {
      const where = nodes.length === 1 && node === nodes[0] ? key : indexPath(key, index);
      warn(ctx, nodes[index], where, `glob ${quoteGlob(glob)} starts with "${glob.startsWith("/") ? "/" : "./"}" but paths are repo-relative (like "src/a.ts"), so it matches nothing`);
    }
  });
  return items;
}

export function readBoundaries(ctx: ReadContext, entry: Entry): BoundaryDefinition[] {
  const entries = entriesOf(ctx, entry.value, entry.path, "a mapping of boundary names to globs");
  return entries.map((boundary) => ({ name: boundary.name, patterns: readGlobs(ctx, boundary.value, boundary.path, false) }));
}

export function readRules(ctx: ReadContext, entry: Entry, boundaries: readonly BoundaryDefinition[]): BoundaryRule[] {
  const list = entry.value;
  if (!isSeq(list)) fail(ctx, list, entry.path, "expected a list of rules (each `- from: ...`)");
  const names = new Set(boundaries.map((b) => b.name));
  const firstRuleFor = new Map<string, string>();
  return list.items.map((raw, index) => {
    const path = indexPath(entry.path, index);
    const rule = readRule(ctx, deref(ctx, raw, path), path, names);
    const earlier = firstRuleFor.get(rule.from);
    if (earlier === undefined) firstRuleFor.set(rule.from, path);
    else warn(ctx, raw, `${path}.from`, `"${clip(rule.from)}" already has a rule (${earlier}); both apply`);
    return rule;
  });
}

function readRule(ctx: ReadContext, node: unknown, path: string, names: ReadonlySet<string>): BoundaryRule {
  const entries = entriesOf(ctx, node, path, "a rule (a mapping with from and allow or disallow)");
  rejectUnknownKeys(ctx, entries, RULE_KEYS, "a rule");
  const get = (name: string): Entry | undefined => entries.find((e) => e.name === name);

  const fromEntry = get("from");
  if (fromEntry === undefined) fail(ctx, node, `${path}.from`, "is missing: a rule needs the boundary it applies to");
  const from = readBoundaryName(ctx, fromEntry.value, fromEntry.path, names);

  const allowEntry = get("allow");
  const disallowEntry = get("disallow");
  if (allowEntry !== undefined && disallowEntry !== undefined) {
    fail(ctx, allowEntry.keyNode, path, "has both allow and disallow; use exactly one (allow lists the only boundaries it may import)");
  }
  const listEntry = allowEntry ?? disallowEntry;
  if (listEntry === undefined) fail(ctx, node, path, "needs allow or disallow: the boundaries it may (allow) or may not (disallow) import");
  const listed = readBoundaryList(ctx, listEntry, names);
  // An empty allow list means "may import nothing"; an empty disallow list forbids nothing.
  if (listEntry === disallowEntry && listed.length === 0) {
    fail(ctx, listEntry.value, listEntry.path, "is empty: the rule would forbid nothing");
  }

  const rule: BoundaryRule = { from, severity: "error", allowTypeOnly: false };
  if (listEntry === allowEntry) rule.allow = listed;
  else rule.disallow = listed;
  const severity = get("severity");
  if (severity) rule.severity = readChoice(ctx, severity.value, severity.path, SEVERITIES);
  const typeOnly = get("allowTypeOnly");
  if (typeOnly) rule.allowTypeOnly = readBoolean(ctx, typeOnly.value, typeOnly.path);
  const comment = get("comment");
  if (comment) rule.comment = readString(ctx, comment.value, comment.path);
  return rule;
}

function readBoundaryList(ctx: ReadContext, entry: Entry, names: ReadonlySet<string>): string[] {
  if (isSeq(entry.value) && entry.value.items.length === 0) return [];
  const { items, nodes } = readStringList(ctx, entry.value, entry.path, "boundary name");
  items.forEach((_name, index) => {
    const key = nodes.length === 1 && nodes[0] === entry.value ? entry.path : indexPath(entry.path, index);
    readBoundaryName(ctx, nodes[index], key, names);
  });
  return items;
}

function readBoundaryName(ctx: ReadContext, node: unknown, key: string, names: ReadonlySet<string>): string {
  const name = readString(ctx, node, key);
  if (names.has(name)) return name;
  const all = [...names];
  // A long list is cut: the message stays one readable line.
  const shown = all.length > 20 ? `${all.slice(0, 20).join(", ")}, … (${all.length} in all)` : all.join(", ");
  const declared = all.length === 0 ? "no boundaries are declared (add them under boundaries:)" : `declared boundaries: ${shown}`;
  fail(ctx, node, key, `unknown boundary "${clip(name)}"${didYouMean(name, all)}; ${declared}`);
}
