// Reading a config file into a YAML document in bounded work: a size cap, a nesting cap checked
// before the parser recurses, one linear pass for duplicate keys (the yaml package's own check
// compares every key with every earlier one), and alias expansion measured before anything expands.
import { CST, Lexer, LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, type Alias, type Document, type Node } from "yaml";
import { yamlErrorDetail } from "./yaml-errors.js";
import type { ConfigErrorDetail } from "./types.js";

/** Configs are short: anything larger is a mistake or an attack, refused before parsing. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Deeper than any config needs; far below where the parser's recursion overflows the stack. */
export const MAX_NESTING = 64;
/** Values once every alias is expanded (a YAML "billion laughs" bomb expands exponentially). */
export const MAX_EXPANDED_VALUES = 100_000;

export type YamlReadResult = { ok: true; doc: Document; lines: LineCounter } | { ok: false; error: ConfigErrorDetail };

const aliasTargets = new WeakMap<Document, Map<Alias, Node | undefined>>();

/** The node an alias points to, from the index built while the document was read (linear, unlike `alias.resolve`). */
export function aliasTarget(doc: Document, alias: Alias): Node | undefined {
  const index = aliasTargets.get(doc);
  return index ? index.get(alias) : (alias.resolve(doc) as Node | undefined);
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Why `text` is too large to read, or null. */
export function sizeProblem(text: string): string | null {
  // UTF-8 takes at least one byte per UTF-16 unit: count bytes only when it can matter.
  const bytes = text.length > MAX_CONFIG_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
  if (bytes <= MAX_CONFIG_BYTES) return null;
  return `the file is ${formatSize(bytes)}; archreview reads configs up to ${formatSize(MAX_CONFIG_BYTES)}`;
}

/** Per line: indentation columns plus `- ` / `? ` / `: ` indicators, an upper bound on its block depth. */
const MAX_LINE_DEPTH = 4 * MAX_NESTING;
const BLOCK_HEAD = new Set<string | null>(["space", "seq-item-ind", "explicit-key-ind", "map-value-ind"]);

/**
 * The line where `text` nests deeper than archreview reads, found by the yaml package's lexer
 * (iterative, linear) before the parser's recursive composition could overflow the stack.
 */
export function nestingProblem(text: string): { line: number; reason: string } | null {
  const reason = `nested too deeply (archreview reads configs nested up to ${MAX_NESTING} levels)`;
  let line = 1;
  let flow = 0;
  let lineDepth = 0;
  // Only what precedes a line's first content counts towards its block depth.
  let lineHead = true;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === "newline") {
      lineDepth = 0;
      lineHead = true;
    } else if (lineHead && BLOCK_HEAD.has(type)) {
      lineDepth += type === "space" ? token.length : 1;
      if (lineDepth > MAX_LINE_DEPTH) return { line, reason };
    } else if (type !== "doc-mode" && type !== "byte-order-mark") lineHead = false;
    if (type === "flow-seq-start" || type === "flow-map-start") {
      flow++;
      if (flow > MAX_NESTING) return { line, reason };
    } else if (type === "flow-seq-end" || type === "flow-map-end") flow = Math.max(0, flow - 1);
    for (let i = token.indexOf("\n"); i !== -1; i = token.indexOf("\n", i + 1)) line++;
  }
  return null;
}

/** Parses one config file, or says why it cannot be read: too large, too deep, malformed, duplicate keys, alias bomb. */
export function readYamlDocument(text: string, file: string): YamlReadResult {
  const tooLarge = sizeProblem(text);
  if (tooLarge !== null) return { ok: false, error: { file, line: null, column: null, key: null, reason: tooLarge } };
  const deep = nestingProblem(text);
  if (deep !== null) return { ok: false, error: { file, line: deep.line, column: null, key: null, reason: deep.reason } };
  const lines = new LineCounter();
  // uniqueKeys off: the parser's check is quadratic; walkDocument does the same check in one pass.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) return { ok: false, error: yamlErrorDetail(syntax, file) };
  const problem = walkDocument(doc);
  if (problem !== null) {
    const pos = problem.node.range ? lines.linePos(problem.node.range[0]) : null;
    return { ok: false, error: { file, line: pos?.line ?? null, column: pos?.col ?? null, key: null, reason: problem.reason } };
  }
  return { ok: true, doc, lines };
}

type Problem = { node: Node; reason: string };
type Frame = { node: Node; exit: boolean };

/**
 * One iterative depth-first pass in document order (the order `alias.resolve` searches): indexes
 * every alias's anchor, rejects duplicate keys, and sums each node's size with its aliases expanded.
 */
function walkDocument(doc: Document): Problem | null {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  const sizes = new Map<Node, number>();
  const root = doc.contents;
  if (!isNode(root)) return null;
  const stack: Frame[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop() as Frame;
    if (exit) {
      sizes.set(node, 1 + childrenOf(node).reduce((sum, child) => sum + (sizes.get(child) ?? 1), 0));
      continue;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      targets.set(node, target);
      const size = target === undefined ? 1 : sizes.get(target);
      if (size === undefined) return { node, reason: `alias *${clipName(node.source)} is inside its own anchor (a recursive alias)` };
      if (size > MAX_EXPANDED_VALUES) return { node, reason: aliasBomb() };
      sizes.set(node, size);
      continue;
    }
    const duplicate = isMap(node) ? duplicateKey(node.items) : null;
    if (duplicate) return { node: duplicate, reason: "Map keys must be unique" };
    stack.push({ node, exit: true });
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, exit: false });
  }
  if ((sizes.get(root) ?? 0) > MAX_EXPANDED_VALUES) return { node: root, reason: aliasBomb() };
  aliasTargets.set(doc, targets);
  return null;
}

function aliasBomb(): string {
  return `its aliases expand to more than ${MAX_EXPANDED_VALUES.toLocaleString("en-US")} values (a YAML alias bomb?); archreview does not expand aliases that far`;
}

function clipName(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** Keys before values, as the yaml package visits them. */
function childrenOf(node: Node): Node[] {
  if (isSeq(node)) return node.items.filter(isNode);
  if (!isMap(node)) return [];
  const children: Node[] = [];
  for (const pair of node.items) {
    if (isNode(pair.key)) children.push(pair.key);
    if (isNode(pair.value)) children.push(pair.value);
  }
  return children;
}

/** The second occurrence of a scalar key, compared by value as the yaml package does. */
function duplicateKey(pairs: readonly { key: unknown }[]): Node | null {
  const seen = new Set<unknown>();
  for (const { key } of pairs) {
    if (!isScalar(key)) continue;
    if (seen.has(key.value)) return key;
    seen.add(key.value);
  }
  return null;
}
