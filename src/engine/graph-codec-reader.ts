// Reads the stream of a compact graph entry (graph-codec.ts) strictly: anything that is not what
// the writer wrote (an index out of its table, a kind that does not exist, a short or long stream)
// throws NotAGraph, which the caller turns into a cache miss.
import { ESCAPE, Kind, KINDS, STREAM_OFFSET, type Plain } from "./graph-codec-format.js";

/** Thrown inside decoding only: the value is not an entry of this format. */
class NotAGraph extends Error {}

interface Shape {
  keys: string[];
  kinds: Kind[];
  /** An object with the shape's keys in order: a decoded object starts as a copy of it (one allocation, no growing). */
  template: Plain;
}

const isIndex = (v: unknown, length: number): v is number => typeof v === "number" && v >>> 0 === v && v < length;

export class GraphReader {
  private readonly shapes: Shape[];
  private at = 0;

  constructor(
    private readonly strings: string[],
    shapes: unknown[],
    private readonly raws: unknown[],
    private readonly stream: string,
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

  /** The next number of the stream, when it is an index below `length` (past the end: NaN, never an index). */
  private index(length: number): number {
    let v = this.stream.charCodeAt(this.at++) - STREAM_OFFSET;
    if (v === ESCAPE - STREAM_OFFSET) v = this.stream.charCodeAt(this.at++) * 0x8000 + this.stream.charCodeAt(this.at++);
    if (!(v >= 0 && v < length)) throw new NotAGraph();
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
    if (kind === Kind.True) return true;
    if (kind === Kind.False) return false;
    if (kind === Kind.Number) {
      const v = this.raws[this.index(this.raws.length)];
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

