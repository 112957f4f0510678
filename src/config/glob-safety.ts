// Refuses globs whose matching time can explode. picomatch compiles a glob to a backtracking
// regular expression without expanding braces, so `{a,aa}{a,aa}...` tries every split of a name
// (2^n), and each `*` of one path segment multiplies the work by the segment's length
// (6 stars against a 100-character name took 10 s).
import { clip } from "./yaml-errors.js";

/** Far longer than any real glob. */
export const MAX_GLOB_LENGTH = 1000;
/** `src/{a,b,c}/**\/*.{ts,tsx}` is 6; past this, braces are a bomb rather than a list. */
export const MAX_GLOB_ALTERNATIVES = 1024;
/** `*.test.*` has 2; every further star in a segment multiplies matching time by its length. */
export const MAX_STARS_PER_SEGMENT = 3;

/** Why `glob` is not safe to match with, or null when it is. */
export function globProblem(glob: string): string | null {
  if (glob.length > MAX_GLOB_LENGTH) {
    return `is ${glob.length.toLocaleString("en-US")} characters long; archreview reads globs up to ${MAX_GLOB_LENGTH.toLocaleString("en-US")}`;
  }
  const alternatives = countAlternatives(glob);
  if (alternatives > MAX_GLOB_ALTERNATIVES) {
    return `expands to more than ${MAX_GLOB_ALTERNATIVES.toLocaleString("en-US")} alternatives (a brace bomb); list fewer patterns`;
  }
  const stars = Math.max(...glob.split("/").map(starsIn));
  if (stars > MAX_STARS_PER_SEGMENT) {
    return `has ${stars} wildcards (*) in one path segment; archreview allows ${MAX_STARS_PER_SEGMENT} (matching time grows as the name's length to that power)`;
  }
  return null;
}

/** Wildcards of one segment; `**` alone is a globstar, not a wildcard of the segment. */
function starsIn(segment: string): number {
  if (segment === "**") return 0;
  let count = 0;
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] === "\\") i++;
    else if (segment[i] === "*") count++;
  }
  return count;
}

/**
 * How many plain globs the braces (and extglob groups `@(a|b)`) stand for: a sequence multiplies,
 * alternatives add, a range `{1..9}` counts its members. Stops counting past the limit.
 */
export function countAlternatives(glob: string): number {
  const reader = { text: glob, i: 0 };
  return sequence(reader, "");
}

interface Reader {
  text: string;
  i: number;
}

const cap = (n: number): number => Math.min(n, MAX_GLOB_ALTERNATIVES + 1);

/** The product of the groups up to a closing character in `stops` (or the end). */
function sequence(r: Reader, stops: string): number {
  let product = 1;
  while (r.i < r.text.length) {
    const c = r.text[r.i] as string;
    if (stops.includes(c)) break;
    r.i++;
    if (c === "\\") r.i++;
    else if (c === "{") product = cap(product * braceGroup(r));
    else if (c === "(" && "@!?+*".includes(r.text[r.i - 2] ?? "")) product = cap(product * group(r, "|", ")"));
  }
  return product;
}

function braceGroup(r: Reader): number {
  const range = /^(-?\w+)\.\.(-?\w+)(?:\.\.-?\d+)?\}/.exec(r.text.slice(r.i, r.i + 64));
  if (range) {
    r.i += range[0].length;
    const [from, to] = [range[1] as string, range[2] as string];
    const numeric = /^-?\d+$/.test(from) && /^-?\d+$/.test(to);
    const size = numeric ? Math.abs(Number(to) - Number(from)) + 1 : Math.abs(to.charCodeAt(0) - from.charCodeAt(0)) + 1;
    return cap(size);
  }
  return group(r, ",", "}");
}

/** Alternatives separated by `separator` up to `close`; their counts add. */
function group(r: Reader, separator: string, close: string): number {
  let sum = 0;
  for (;;) {
    sum = cap(sum + sequence(r, separator + close));
    const c = r.text[r.i++];
    if (c !== separator) return sum;
  }
}

/** The glob as quoted in a message. */
export function quoteGlob(glob: string): string {
  return JSON.stringify(clip(glob));
}
