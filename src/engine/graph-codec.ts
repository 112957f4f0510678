// A cached module graph in a compact JSON shape: every string once in a table, every object's
// keys once in a shape table, and the values one flat array of numbers. Why: the plain JSON of a
// 3,500-module graph repeats its keys and paths (5.5 MB); parsing it and collecting what the parse
// allocated was on the critical path of a warm review. One array of small integers parses without
// allocating per object, and the decoded graph shares each path rather than holding copies.
// Decoding gives back what JSON.parse of the plain JSON gave: the same keys in the same order.
import type { GraphIndex } from "../extract/graph-index.js";

/** Bump when the encoding changes: an entry of another version decodes to null (a miss). */
const FORMAT = "archreview-graph/3";

/** How one value is written to the stream of numbers. */
const Kind = {
  Text: 0, // an index into the string table
  Number: 1, // the number
  Flag: 2, // 0 or 1
  Null: 3, // nothing: the shape says it
  Texts: 4, // the length, then string indices
  Object: 5, // the shape, then its values
  Objects: 6, // the length, then each object
  Raw: 7, // an index into the table of values kept as plain JSON (anything else)
  Record: 8, // an object of many keys (the sites by module): the count, then key index, kind and value of each
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];
const KINDS = 9;
/** An object of more keys than this is a record (its keys are data, not a shape shared by others). */
const RECORD_KEYS = 16;

/** The stored form: [FORMAT, strings, shapes ([key index, kind, ...] each), plain JSON values, stream (the root object)]. */
export type EncodedGraph = [string, string[], number[][], unknown[], number[]];

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

function kindOf(v: unknown): Kind {
  if (typeof v === "string") return Kind.Text;
  if (typeof v === "number") return Number.isFinite(v) ? Kind.Number : Kind.Null; // JSON writes NaN as null
  if (typeof v === "boolean") return Kind.Flag;
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
    else if (kind === Kind.Number) stream.push(v as number);
    else if (kind === Kind.Flag) stream.push(v ? 1 : 0);
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
  return [FORMAT, encoder.strings, encoder.shapes, encoder.raws, encoder.stream];
}

/** Thrown inside decoding only: the value is not an entry of this format. */
class NotAGraph extends Error {}

interface Shape {
  keys: string[];
  kinds: Kind[];
  /** An object with the shape's keys in order: a decoded object starts as a copy of it (one allocation, no growing). */
  template: Plain;
}

const isIndex = (v: unknown, length: number): v is number => typeof v === "number" && v >>> 0 === v && v < length;

class Decoder {
  private readonly shapes: Shape[];
  private at = 0;

  constructor(
    private readonly strings: string[],
    shapes: unknown[],
    private readonly raws: unknown[],
    private readonly stream: unknown[],
  ) {
    this.shapes = shapes.map((s) => this.readShape(s));
  }

  private readShape(s: unknown): Shape {
    if (!Array.isArray(s) || s.length % 2 !== 0) throw new NotAGraph();
    const shape: Shape = { keys: [], kinds: [], template: {} };
    for (let i = 0; i < s.length; i += 2) {
      if (!isIndex(s[i], this.strings.length) || !isIndex(s[i + 1], KINDS)) throw new NotAGraph();
      const key = this.strings[s[i] as number] as string;
      if (Object.hasOwn(shape.template, key)) throw new NotAGraph();
      // A key `__proto__` is an own property, as JSON.parse makes it, not the prototype.
      if (key === "__proto__") Object.defineProperty(shape.template, key, { value: null, enumerable: true, writable: true, configurable: true });
      else shape.template[key] = null;
      shape.keys.push(key);
      shape.kinds.push(s[i + 1] as Kind);
    }
    return shape;
  }

  /** The next number of the stream, when it is an index below `length`. */
  private index(length: number): number {
    const v = this.stream[this.at++];
    if (!isIndex(v, length)) throw new NotAGraph();
    return v;
  }

  object(): Plain {
    const { keys, kinds, template } = this.shapes[this.index(this.shapes.length)] as Shape;
    const o: Plain = { ...template };
    for (let i = 0; i < keys.length; i++) o[keys[i] as string] = this.value(kinds[i] as Kind);
    return o;
  }

  private record(): Plain {
    const length = this.index(this.stream.length - this.at + 1);
    const o: Plain = {};
    for (let i = 0; i < length; i++) {
      const key = this.strings[this.index(this.strings.length)] as string;
      if (Object.hasOwn(o, key)) throw new NotAGraph();
      const value = this.value(this.index(KINDS) as Kind);
      // A key `__proto__` is an own property, as JSON.parse makes it, not the prototype.
      if (key === "__proto__") Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
      else o[key] = value;
    }
    return o;
  }

  private value(kind: Kind): unknown {
    if (kind === Kind.Text) return this.strings[this.index(this.strings.length)];
    if (kind === Kind.Null) return null;
    if (kind === Kind.Flag) return this.index(2) === 1;
    if (kind === Kind.Number) {
      const v = this.stream[this.at++];
      if (typeof v !== "number") throw new NotAGraph();
      return v;
    }
    if (kind === Kind.Raw) return this.raws[this.index(this.raws.length)];
    if (kind === Kind.Object) return this.object();
    if (kind === Kind.Record) return this.record();
    // A length no longer than what is left of the stream: a damaged length cannot ask for a huge array.
    const length = this.index(this.stream.length - this.at + 1);
    const list: unknown[] = new Array(length);
    if (kind === Kind.Texts) for (let i = 0; i < length; i++) list[i] = this.strings[this.index(this.strings.length)];
    else for (let i = 0; i < length; i++) list[i] = this.object();
    return list;
  }

  /** Whether the whole stream was read: anything left over means the entry is not what it claims. */
  finished(): boolean {
    return this.at === this.stream.length;
  }
}

/** The minimum a graph must have for a review to read it. */
function looksLikeGraph(g: Plain): boolean {
  return Array.isArray(g.files) && Array.isArray(g.modules) && isPlain(g.sites) && Array.isArray(g.edges);
}

/** The graph an entry holds, or null when the value is not an intact entry of this format (a cache miss). */
export function decodeGraph(value: unknown): GraphIndex | null {
  if (!Array.isArray(value) || value.length !== 5 || value[0] !== FORMAT) return null;
  const [, strings, shapes, raws, stream] = value as unknown[];
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === "string") || !Array.isArray(shapes) || !Array.isArray(raws) || !Array.isArray(stream)) return null;
  try {
    const decoder = new Decoder(strings as string[], shapes, raws, stream);
    const graph = decoder.object();
    return decoder.finished() && looksLikeGraph(graph) ? (graph as unknown as GraphIndex) : null;
  } catch {
    return null; // NotAGraph, or a foreign value nested too deep to walk
  }
}
