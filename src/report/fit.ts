// The PR comment must fit GitHub's size limit however large the PR is. The document is a list
// of blocks; a block may lose rows from its end (and then says how many it hides), and an
// optional block may be replaced by a short stand-in. Lengths are computed arithmetically so
// that trimming a 5,000-row table stays linear.

import { cutText } from "./clip.js";

export interface Block {
  /** Names the block for the trimming ladder (`violations`, `mermaid`, `adr`, ...). */
  id: string;
  /** Text before the rows: heading, table header. */
  head: string;
  /** One line each; each is preceded by a newline. */
  rows: string[];
  /** Text after the rows (e.g. `\n\n</details>`). */
  tail: string;
  /** What remains when the block is dropped: a shorter text, or null for nothing. */
  standIn?: string | null;
}

export function moreNotShown(hidden: number): string {
  return `_…and ${hidden} more not shown._`;
}

// Separates the hidden-rows line from a table or list, which would otherwise absorb it.
const NOTE_SEPARATOR = "\n\n";
const BLOCK_SEPARATOR = "\n\n";

interface Placed {
  block: Block;
  shown: number;
  dropped: boolean;
  /** prefix[k] = length of the first k rows, each with its leading newline. */
  prefix: number[];
}

function noteLength(hidden: number): number {
  return hidden > 0 ? NOTE_SEPARATOR.length + moreNotShown(hidden).length : 0;
}

function placedLength(p: Placed): number | null {
  if (p.dropped) return p.block.standIn == null ? null : p.block.standIn.length;
  return p.block.head.length + p.prefix[p.shown]! + noteLength(p.block.rows.length - p.shown) + p.block.tail.length;
}

function totalLength(placed: Placed[]): number {
  const lengths = placed.map(placedLength).filter((l): l is number => l !== null);
  return lengths.reduce((sum, l) => sum + l, 0) + BLOCK_SEPARATOR.length * Math.max(0, lengths.length - 1);
}

function renderPlaced(p: Placed): string | null {
  if (p.dropped) return p.block.standIn ?? null;
  const { head, rows, tail } = p.block;
  const hidden = rows.length - p.shown;
  const note = hidden > 0 ? NOTE_SEPARATOR + moreNotShown(hidden) : "";
  return head + rows.slice(0, p.shown).map((r) => `\n${r}`).join("") + note + tail;
}

type Step = { drop: string } | { trim: "resolved" | "hints" | "all"; keep: number };

/**
 * In order, until the document fits: the mermaid graph goes first (it restates the boundary
 * changes), then already-resolved violations and the fix hints shrink, then the ADR stub gives way to a pointer,
 * and only then do finding tables lose rows, longest table first, keeping their first rows.
 */
const LADDER: Step[] = [
  { drop: "mermaid" },
  { trim: "resolved", keep: 3 },
  // Hints explain; the findings themselves matter more.
  { trim: "hints", keep: 3 },
  { drop: "adr" },
  { trim: "all", keep: 3 },
  { trim: "all", keep: 1 },
];

function trimLongestFirst(placed: Placed[], maxChars: number, keep: number, eligible: (b: Block) => boolean): void {
  while (totalLength(placed) > maxChars) {
    let longest: Placed | null = null;
    let longestLength = -1;
    for (const p of placed) {
      if (p.dropped || p.shown <= keep || !eligible(p.block)) continue;
      const length = placedLength(p) ?? 0;
      if (length > longestLength) [longest, longestLength] = [p, length];
    }
    if (!longest) return;
    longest.shown -= 1;
  }
}

/**
 * Joins the blocks, trimmed to at most maxChars. When even the trimmed document is too long,
 * `lastResort` (the verdict and a short explanation) is returned, cut to maxChars.
 */
export function fitBlocks(blocks: Block[], maxChars: number, lastResort: string): string {
  const placed: Placed[] = blocks.map((block) => {
    const prefix = [0];
    for (const row of block.rows) prefix.push(prefix[prefix.length - 1]! + 1 + row.length);
    return { block, shown: block.rows.length, dropped: false, prefix };
  });
  for (const step of LADDER) {
    if (totalLength(placed) <= maxChars) break;
    if ("drop" in step) {
      for (const p of placed) if (p.block.id === step.drop) p.dropped = true;
    } else {
      trimLongestFirst(placed, maxChars, step.keep, (b) => step.trim === "all" || b.id === step.trim);
    }
  }
  if (totalLength(placed) <= maxChars) {
    const text = placed.map(renderPlaced).filter((t): t is string => t !== null).join(BLOCK_SEPARATOR);
    // The arithmetic mirrors renderPlaced; the check keeps the promise even if they ever drift.
    if (text.length <= maxChars) return text;
  }
  return cutText(lastResort, maxChars);
}

