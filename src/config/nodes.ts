// Reading a parsed YAML tree while remembering where each value came from, so that every
// complaint names the key path and the line and column of the offending node.
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type YAMLMap } from "yaml";
import { ConfigError, formatConfigError } from "./errors.js";
import { didYouMean } from "./suggest.js";
import type { ConfigErrorDetail } from "./types.js";
import { aliasTarget } from "./yaml-document.js";
import { clip } from "./yaml-errors.js";

export { clip, yamlErrorDetail } from "./yaml-errors.js";

export interface ReadContext {
  doc: Document;
  lines: LineCounter;
  file: string;
  /** Formatted non-fatal findings, collected while reading. */
  warnings: string[];
}

/** One `key: value` of a mapping; `value` is alias-resolved, null when the pair has none. */
export interface Entry {
  name: string;
  keyNode: unknown;
  value: unknown;
  path: string;
}

export function childPath(parent: string, name: string): string {
  // Names that would make the path ambiguous (`a.b`, `x y`) are quoted.
  const part = /^[A-Za-z_$][\w$-]*$/.test(name) && name.length <= 80 ? name : JSON.stringify(clip(name));
  if (parent === "") return part;
  return part.startsWith('"') ? `${parent}[${part}]` : `${parent}.${part}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export function detailAt(ctx: ReadContext, node: unknown, key: string | null, reason: string): ConfigErrorDetail {
  const range = isNode(node) ? node.range : null;
  const pos = range ? ctx.lines.linePos(range[0]) : null;
  return { file: ctx.file, line: pos?.line ?? null, column: pos?.col ?? null, key, reason };
}

export function fail(ctx: ReadContext, node: unknown, key: string | null, reason: string): never {
  throw new ConfigError(detailAt(ctx, node, key, reason));
}

export function warn(ctx: ReadContext, node: unknown, key: string | null, reason: string): void {
  ctx.warnings.push(formatConfigError(detailAt(ctx, node, key, reason)));
}

/** The node an alias points to (the alias itself is not a value). */
export function deref(ctx: ReadContext, node: unknown, key: string): unknown {
  if (!isAlias(node)) return node;
  const target = aliasTarget(ctx.doc, node);
  if (target === undefined) fail(ctx, node, key, `unresolved alias *${clip(node.source, 40)}`);
  return target;
}

export function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** How a value reads in an error message: `got a list`, `got "fatal"`. */
export function describe(node: unknown): string {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isNull(node)) return "nothing";
  if (isScalar(node)) {
    const v = node.value;
    return typeof v === "string" ? JSON.stringify(clip(v)) : `${typeof v} ${clip(String(v))}`;
  }
  return "an unsupported value";
}

/** The pairs of a mapping; `what` says what the mapping is for when it is something else. */
export function entriesOf(ctx: ReadContext, node: unknown, path: string, what: string): Entry[] {
  if (!isMap(node)) fail(ctx, node, path === "" ? null : path, `expected ${what}, got ${describe(node)}`);
  const entries: Entry[] = [];
  for (const pair of (node as YAMLMap).items) {
    const keyNode = pair.key;
    if (!isScalar(keyNode) || (typeof keyNode.value !== "string" && typeof keyNode.value !== "number")) {
      fail(ctx, keyNode ?? node, path === "" ? null : path, `keys must be plain names, got ${describe(keyNode)}`);
    }
    const name = String(keyNode.value);
    const entryPath = childPath(path, name);
    entries.push({ name, keyNode, value: deref(ctx, pair.value, entryPath), path: entryPath });
  }
  return entries;
}

/** Rejects the first key not in `known`, suggesting the closest known one. */
export function rejectUnknownKeys(ctx: ReadContext, entries: readonly Entry[], known: readonly string[], where: string): void {
  for (const entry of entries) {
    if (known.includes(entry.name)) continue;
    const expected = `; ${where} accepts ${known.join(", ")}`;
    fail(ctx, entry.keyNode, entry.path, `unknown key "${clip(entry.name)}"${didYouMean(entry.name, known)}${expected}`);
  }
}

export function readString(ctx: ReadContext, node: unknown, key: string): string {
  if (!isScalar(node) || typeof node.value !== "string") fail(ctx, node, key, `expected a string, got ${describe(node)}`);
  return node.value as string;
}

export function readBoolean(ctx: ReadContext, node: unknown, key: string): boolean {
  if (!isScalar(node) || typeof node.value !== "boolean") {
    fail(ctx, node, key, `expected true or false, got ${describe(node)}`);
  }
  return node.value as boolean;
}

export function readChoice<T extends string>(ctx: ReadContext, node: unknown, key: string, allowed: readonly T[]): T {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(ctx, node, key, `must be one of ${allowed.join(", ")}; got ${describe(node)}`);
  }
  return value as T;
}

export function readPositiveInteger(ctx: ReadContext, node: unknown, key: string): number {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    fail(ctx, node, key, `must be a positive integer, got ${describe(node)}`);
  }
  return value as number;
}

/** A single string or a list of strings, each non-empty; `noun` names one item in messages. */
export function readStringList(ctx: ReadContext, node: unknown, key: string, noun: string): { items: string[]; nodes: unknown[] } {
  if (isScalar(node) && typeof node.value === "string") {
    if (node.value === "") fail(ctx, node, key, `the ${noun} is an empty string`);
    return { items: [node.value], nodes: [node] };
  }
  if (!isSeq(node)) fail(ctx, node, key, `expected a ${noun} or a list of them, got ${describe(node)}`);
  const items: string[] = [];
  const nodes: unknown[] = [];
  node.items.forEach((raw, index) => {
    const itemKey = indexPath(key, index);
    const item = deref(ctx, raw, itemKey);
    if (!isScalar(item) || typeof item.value !== "string") {
      fail(ctx, item, itemKey, `expected a ${noun} (a string), got ${describe(item)}`);
    }
    if (item.value === "") fail(ctx, item, itemKey, `the ${noun} is an empty string`);
    items.push(item.value as string);
    nodes.push(item);
  });
  return { items, nodes };
}
