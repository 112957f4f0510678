// A small parser of JavaScript regular expressions into the shape the safety check needs:
// sequences, alternatives, repetitions and character sets. It trusts `new RegExp` for syntax
// (called before it), so it reads leniently; anything it does not model counts as "any character".

/** Code point ranges, or their complement when `negated`. */
export interface CharSet {
  ranges: [number, number][];
  negated: boolean;
}

export type RegexNode =
  | { kind: "seq"; items: RegexNode[] }
  | { kind: "alt"; options: RegexNode[] }
  | { kind: "repeat"; body: RegexNode; min: number; max: number }
  | { kind: "char"; set: CharSet }
  /** An assertion (^, $, \b, lookaround): matches no character; lookaround bodies are still checked. */
  | { kind: "empty"; inner?: RegexNode };

const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: [number, number][] = [[9, 13], [32, 32], [160, 160], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
const ANY: CharSet = { ranges: [], negated: true };
const single = (c: number): CharSet => ({ ranges: [[c, c]], negated: false });

/** Groups deeper than this are refused before they recurse (a config pattern never needs them). */
export const MAX_GROUP_DEPTH = 32;

export class RegexTooDeep extends Error {}

const CLASS_ESCAPES: Record<string, CharSet> = {
  d: { ranges: DIGIT, negated: false },
  D: { ranges: DIGIT, negated: true },
  w: { ranges: WORD, negated: false },
  W: { ranges: WORD, negated: true },
  s: { ranges: SPACE, negated: false },
  S: { ranges: SPACE, negated: true },
};
const CONTROL_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, "0": 0 };

export function parseRegex(source: string): RegexNode {
  const parser = new Parser(source);
  return parser.alternation(0);
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  alternation(depth: number): RegexNode {
    if (depth > MAX_GROUP_DEPTH) throw new RegexTooDeep();
    const options: RegexNode[] = [this.sequence(depth)];
    while (this.s[this.i] === "|") {
      this.i++;
      options.push(this.sequence(depth));
    }
    return options.length === 1 ? (options[0] as RegexNode) : { kind: "alt", options };
  }

  private sequence(depth: number): RegexNode {
    const items: RegexNode[] = [];
    while (this.i < this.s.length && this.s[this.i] !== "|" && this.s[this.i] !== ")") {
      const atom = this.atom(depth);
      items.push(this.quantified(atom));
    }
    return { kind: "seq", items };
  }

  private quantified(atom: RegexNode): RegexNode {
    const c = this.s[this.i];
    let bounds: [number, number] | null = null;
    if (c === "*") bounds = [0, Infinity];
    else if (c === "+") bounds = [1, Infinity];
    else if (c === "?") bounds = [0, 1];
    if (bounds) this.i++;
    else if (c === "{") bounds = this.braces();
    if (!bounds) return atom;
    if (this.s[this.i] === "?") this.i++; // lazy: same paths, other order
    return { kind: "repeat", body: atom, min: bounds[0], max: bounds[1] };
  }

  /** `{n}`, `{n,}`, `{n,m}`; a `{` that is not one is a literal (Annex B). */
  private braces(): [number, number] | null {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i, this.i + 24));
    if (!match) return null;
    this.i += match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === "" ? Infinity : Number(match[3]);
    return [min, max];
  }

  private atom(depth: number): RegexNode {
    const c = this.s[this.i++] as string;
    if (c === "(") return this.group(depth);
    if (c === "[") return { kind: "char", set: this.charClass() };
    if (c === ".") return { kind: "char", set: { ranges: [[10, 10], [13, 13], [0x2028, 0x2029]], negated: true } };
    if (c === "^" || c === "$") return { kind: "empty" };
    if (c === "\\") return this.escape();
    return { kind: "char", set: single(c.codePointAt(0) as number) };
  }

  private group(depth: number): RegexNode {
    const rest = this.s.slice(this.i, this.i + 3);
    const lookaround = /^\?(=|!|<=|<!)/.exec(rest);
    if (lookaround) this.i += lookaround[0].length;
    else if (rest.startsWith("?:")) this.i += 2;
    else if (rest.startsWith("?<")) this.i = Math.max(this.i, this.s.indexOf(">", this.i) + 1);
    const body = this.alternation(depth + 1);
    this.i++; // ")"
    return lookaround ? { kind: "empty", inner: body } : body;
  }

  private escape(): RegexNode {
    const c = this.s[this.i++] ?? "\\";
    if (c === "b" || c === "B") return { kind: "empty" };
    const set = CLASS_ESCAPES[c];
    if (set) return { kind: "char", set };
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return { kind: "char", set: single(control) };
    // Back references, \p{...}, \u, \x, \c and \k<name> are taken as any character.
    if (/[1-9kpPuxc]/.test(c)) return { kind: "char", set: ANY };
    return { kind: "char", set: single(c.codePointAt(0) as number) };
  }

  private charClass(): CharSet {
    const negated = this.s[this.i] === "^";
    if (negated) this.i++;
    const ranges: [number, number][] = [];
    let first = true;
    while (this.i < this.s.length && (this.s[this.i] !== "]" || first)) {
      first = false;
      const low = this.classAtom(ranges);
      if (low === null) continue;
      if (this.s[this.i] === "-" && this.s[this.i + 1] !== "]" && this.i + 1 < this.s.length) {
        this.i++;
        const high = this.classAtom(ranges);
        ranges.push([low, high ?? low]);
      } else ranges.push([low, low]);
    }
    this.i++; // "]"
    return { ranges, negated };
  }

  /** One class member's code point; null for a class escape (\d, \w, ...), whose ranges are added. */
  private classAtom(ranges: [number, number][]): number | null {
    const c = this.s[this.i++] as string;
    if (c !== "\\") return c.codePointAt(0) as number;
    const e = this.s[this.i++] ?? "\\";
    const set = CLASS_ESCAPES[e];
    if (set) {
      // A negated escape inside a class (\D, \W, \S) is approximated by every character.
      ranges.push(...(set.negated ? ([[0, 0x10ffff]] as [number, number][]) : set.ranges));
      return null;
    }
    const control = CONTROL_ESCAPES[e];
    if (control !== undefined) return control;
    if (e === "b") return 8;
    if (/[pPuxc]/.test(e)) {
      ranges.push([0, 0x10ffff]);
      return null;
    }
    return e.codePointAt(0) as number;
  }
}

/** Whether some character is in both sets. */
export function overlaps(a: CharSet, b: CharSet): boolean {
  if (a.negated && b.negated) return true;
  if (a.negated || b.negated) {
    const [positive, negative] = a.negated ? [b, a] : [a, b];
    // Some character of `positive` lies outside every range `negative` excludes.
    return positive.ranges.some(([lo, hi]) => !coveredBy(lo, hi, negative.ranges));
  }
  return a.ranges.some(([lo, hi]) => b.ranges.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));
}

function coveredBy(lo: number, hi: number, ranges: [number, number][]): boolean {
  let next = lo;
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  for (const [l, h] of sorted) {
    if (l > next) break;
    if (h >= next) next = h + 1;
    if (next > hi) return true;
  }
  return next > hi;
}
