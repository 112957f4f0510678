// A cached module graph in a compact JSON shape: every string once in a table, every object's
// keys once in a shape table, and the values one stream of whole numbers written as the characters
// of one string. Why: the plain JSON of a 3,500-module graph repeats its keys and paths (5.5 MB);
// parsing it and collecting what the parse allocated was on the critical path of a warm review.
// One string parses with one allocation (an array of 185,000 numbers took ~30 ms to parse), and
// the decoded graph shares each path rather than holding copies.
// Decoding gives back what JSON.parse of the plain JSON gave: the same keys in the same order.
import type { GraphIndex } from "../extract/graph-index.js";
import { ESCAPE, FORMAT, Kind, RECORD_KEYS, STREAM_OFFSET, isPlain, type EncodedGraph, type Plain } from "./graph-codec-format.js";
import { GraphReader } from "./graph-codec-reader.js";

export type { EncodedGraph };

function kindOf(v: unknown): Kind {
  if (typeof v === "string") return Kind.Text;
  if (typeof v === "number") return Number.isFinite(v) ? Kind.Number : Kind.Null; // JSON writes NaN as null
  if (typeof v === "boolean") return v ? Kind.True : Kind.False;
  if (v === null) return Kind.Null;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) return Kind.Texts;
    if (v.every(isPlain)) return Kind.Objects;
    return Kind.Raw;
  }
  if (!isPlain(v)) return Kind.Raw;
  let keys = 0;
  for (const key in v) if (Object.hasOwn(v, key) && ++keys > RECORD_KEYS) return Kind.Record;
  return Kind.Object;
}

/** Keys whose value JSON leaves out (undefined, functions) are left out here too. */
const stored = (v: unknown): boolean => v !== undefined && typeof v !== "function" && typeof v !== "symbol";

interface ShapeNode {
  next: Map<string, ShapeNode[]>;
  /** The shape ending here, -1 when none does. */
  id: number;
}

class Encoder {
  readonly strings: string[] = [];
  readonly shapes: number[][] = [];
  readonly raws: unknown[] = [];
  readonly stream: number[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly shapeTrie: ShapeNode = { next: new Map(), id: -1 };

  private text(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.push(s) - 1;
      this.stringIds.set(s, id);
    }
    return id;
  }

  object(o: Plain): void {
    const at = this.stream.push(-1) - 1;
    // Shapes are found through a trie of (key, kind) steps, walked as the values are written.
    let node = this.shapeTrie;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (!stored(v)) continue;
      const kind = kindOf(v);
      let byKind = node.next.get(key);
      if (byKind === undefined) node.next.set(key, (byKind = []));
      node = byKind[kind] ??= { next: new Map(), id: -1 };
      this.value(kind, v);
    }
    if (node.id < 0) node.id = this.shapes.push(this.shapeOf(o)) - 1;
    this.stream[at] = node.id;
  }

  /** A new shape: [key index, kind, ...]. */
  private shapeOf(o: Plain): number[] {
    return Object.keys(o)
      .filter((k) => stored(o[k]))
      .flatMap((k) => [this.text(k), kindOf(o[k])]);
  }

  private value(kind: Kind, v: unknown): void {
    const stream = this.stream;
    if (kind === Kind.Text) stream.push(this.text(v as string));
    else if (kind === Kind.Number) stream.push(this.raws.push(v) - 1);
    else if (kind === Kind.Texts) {
      stream.push((v as string[]).length);
      for (const s of v as string[]) stream.push(this.text(s));
    } else if (kind === Kind.Object) this.object(v as Plain);
    else if (kind === Kind.Objects) {
      stream.push((v as Plain[]).length);
      for (const o of v as Plain[]) this.object(o);
    } else if (kind === Kind.Raw) stream.push(this.raws.push(v) - 1);
    else if (kind === Kind.Record) this.record(v as Plain);
  }

  private record(o: Plain): void {
    const keys = Object.keys(o).filter((k) => stored(o[k]));
    this.stream.push(keys.length);
    for (const key of keys) {
      const kind = kindOf(o[key]);
      this.stream.push(this.text(key), kind);
      this.value(kind, o[key]);
    }
  }
}

/** The compact form of a graph (without its `read` count, which is not cached). */
export function encodeGraph(graph: Omit<GraphIndex, "read">): EncodedGraph {
  const encoder = new Encoder();
  encoder.object(graph as Plain);
  return [FORMAT, encoder.strings, encoder.shapes, encoder.raws, streamText(encoder.stream)];
}

/**
 * The stream's numbers (indices, lengths, shapes: whole, below 2^30, as no table that long fits
 * in memory) as characters: n + STREAM_OFFSET, or ESCAPE and two 15-bit halves past that.
 */
function streamText(stream: number[]): string {
  let text = "";
  let chunk: number[] = [];
  for (const n of stream) {
    if (n < ESCAPE - STREAM_OFFSET) chunk.push(n + STREAM_OFFSET);
    else chunk.push(ESCAPE, (n >>> 15) & 0x7fff, n & 0x7fff);
    // String.fromCharCode takes its codes as arguments: in chunks, within the engine's argument limit.
    if (chunk.length > 8192) {
      text += String.fromCharCode(...chunk);
      chunk = [];
    }
  }
  return text + String.fromCharCode(...chunk);
}

/** The minimum a graph must have for a review to read it. */
function looksLikeGraph(g: Plain): boolean {
  return Array.isArray(g.files) && Array.isArray(g.modules) && isPlain(g.sites) && Array.isArray(g.edges);
}

/** The graph an entry holds, or null when the value is not an intact entry of this format (a cache miss). */
export function decodeGraph(value: unknown): GraphIndex | null {
  if (!Array.isArray(value) || value.length !== 5 || value[0] !== FORMAT) return null;
  const [, strings, shapes, raws, stream] = value as unknown[];
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === "string") || !Array.isArray(shapes) || !Array.isArray(raws) || typeof stream !== "string") return null;
  try {
    const decoder = new GraphReader(strings as string[], shapes, raws, stream);
    const graph = decoder.object();
    return decoder.finished() && looksLikeGraph(graph) ? (graph as unknown as GraphIndex) : null;
  } catch {
    return null; // NotAGraph, or a foreign value nested too deep to walk
  }
}
