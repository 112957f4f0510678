// Refuses regular expressions whose matching time can explode on a crafted path: a backtracking
// engine tries every way a repetition can split the text, and there are exponentially many when a
// repeated part can itself repeat (star height > 1: `(a+)+`) or can match the same text in two ways
// (`(a|aa)+`, `(a?a)+`). dependency-cruiser's own check (safe-regex) catches only the first kind.
import { clip } from "./yaml-errors.js";
import { RegexTooDeep, MAX_GROUP_DEPTH, overlaps, parseRegex, type CharSet, type RegexNode } from "./regex-parse.js";

/** Longer than any path pattern needs (a list of 50 folders is about 1,000 characters). */
export const MAX_REGEX_LENGTH = 2000;

/** Why `pattern` is not safe to run over paths, or null when it is. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) {
    return `is ${pattern.length.toLocaleString("en-US")} characters long; archreview reads regular expressions up to ${MAX_REGEX_LENGTH.toLocaleString("en-US")}`;
  }
  try {
    new RegExp(pattern);
  } catch (error) {
    // V8 quotes the whole pattern in its message: keep only the reason after it.
    const reason = String(error instanceof Error ? error.message : error).split(": ").pop() ?? "";
    return `is not a valid regular expression (${clip(reason)})`;
  }
  let tree: RegexNode;
  try {
    tree = parseRegex(pattern);
  } catch (error) {
    if (error instanceof RegexTooDeep) return `is an unsafe regular expression (groups nested deeper than ${MAX_GROUP_DEPTH})`;
    throw error;
  }
  const shape = unsafeShape(tree);
  return shape === null ? null : `is an unsafe regular expression (${shape})`;
}

const NESTED = "nested quantifier: a repeated part that itself repeats, like (a+)+";
const AMBIGUOUS = "a repeated part that can match the same text in more than one way, like (a|aa)+";

function unsafeShape(node: RegexNode): string | null {
  if (node.kind === "repeat" && node.max > 1) {
    if (containsRepeat(node.body)) return NESTED;
    if (ambiguousBody(node.body)) return AMBIGUOUS;
  }
  for (const child of childrenOf(node)) {
    const found = unsafeShape(child);
    if (found !== null) return found;
  }
  return null;
}

function childrenOf(node: RegexNode): RegexNode[] {
  if (node.kind === "seq") return node.items;
  if (node.kind === "alt") return node.options;
  if (node.kind === "repeat") return [node.body];
  if (node.kind === "empty" && node.inner) return [node.inner];
  return [];
}

function containsRepeat(node: RegexNode): boolean {
  if (node.kind === "repeat" && node.max > 1) return true;
  return childrenOf(node).some(containsRepeat);
}

interface First {
  sets: CharSet[];
  nullable: boolean;
}

/** The characters `node` can start with, and whether it can match the empty string. */
function firstOf(node: RegexNode): First {
  switch (node.kind) {
    case "char":
      return { sets: [node.set], nullable: false };
    case "empty":
      return { sets: [], nullable: true };
    case "repeat": {
      const body = firstOf(node.body);
      return { sets: body.sets, nullable: body.nullable || node.min === 0 };
    }
    case "alt": {
      const all = node.options.map(firstOf);
      return { sets: all.flatMap((f) => f.sets), nullable: all.some((f) => f.nullable) };
    }
    case "seq":
      return firstOfItems(node.items);
  }
}

function firstOfItems(items: readonly RegexNode[]): First {
  const sets: CharSet[] = [];
  for (const item of items) {
    const first = firstOf(item);
    sets.push(...first.sets);
    if (!first.nullable) return { sets, nullable: false };
  }
  return { sets, nullable: true };
}

const overlap = (a: CharSet[], b: CharSet[]): boolean => a.some((x) => b.some((y) => overlaps(x, y)));

/** Items of a sequence without assertions (they match no character). */
function itemsOf(node: RegexNode): RegexNode[] {
  const items = node.kind === "seq" ? node.items : [node];
  return items.filter((item) => item.kind !== "empty").flatMap((item) => (item.kind === "seq" ? itemsOf(item) : [item]));
}

/** A repeated body that can split the same text two ways: overlapping alternatives, or an optional part overlapping what follows. */
function ambiguousBody(body: RegexNode): boolean {
  const items = itemsOf(body);
  if (items.length === 1 && items[0]?.kind === "alt") {
    const options = items[0].options;
    for (let i = 0; i < options.length; i++) {
      for (let j = i + 1; j < options.length; j++) if (!distinguishable(options[i] as RegexNode, options[j] as RegexNode)) return true;
    }
  }
  return items.some((item, k) => {
    if (!firstOf(item).nullable) return false;
    const rest = firstOfItems(items.slice(k + 1));
    return overlap(firstOf(item).sets, rest.sets);
  });
}

/** Whether two alternatives differ at some character before either can end (so no text matches both, or one and a prefix of the other). */
function distinguishable(a: RegexNode, b: RegexNode): boolean {
  const xs = itemsOf(a);
  const ys = itemsOf(b);
  for (let k = 0; k < Math.max(xs.length, ys.length); k++) {
    const x = xs[k];
    const y = ys[k];
    if (x === undefined || y === undefined) return false;
    if (x.kind === "char" && y.kind === "char") {
      if (!overlaps(x.set, y.set)) return true;
      continue;
    }
    const fx = firstOfItems(xs.slice(k));
    const fy = firstOfItems(ys.slice(k));
    return !fx.nullable && !fy.nullable && !overlap(fx.sets, fy.sets);
  }
  return false;
}
