// The compact form of cached graphs (graph-codec.ts): its version, the kinds of values its stream
// holds, and its layout, shared by the writer (graph-codec.ts) and the reader (graph-codec-reader.ts).

/** Bump when the encoding changes: an entry of another version decodes to null (a miss). */
export const FORMAT = "archreview-graph/5";

/** How one value is written to the stream (graph-codec.ts streamText: whole numbers as characters). */
export const Kind = {
  Text: 0, // an index into the string table
  Number: 1, // an index into the table of plain JSON values (the stream holds whole numbers only)
  False: 2, // nothing: the shape says it (booleans cost no number: edges and sites differ by their flags only in a few shapes)
  Null: 3, // nothing: the shape says it
  Texts: 4, // the length, then string indices
  Object: 5, // the shape, then its values
  Objects: 6, // the length, then each object
  Raw: 7, // an index into the table of values kept as plain JSON (anything else)
  Record: 8, // an object of many keys (the sites by module): the count, then key index, kind and value of each
  True: 9, // nothing: the shape says it
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
export const KINDS = 10;
/** An object of more keys than this is a record (its keys are data, not a shape shared by others). */
export const RECORD_KEYS = 16;

/** The stored form: [FORMAT, strings, shapes ([key index, kind, ...] each), plain JSON values, stream (the root object)]. */
export type EncodedGraph = [string, string[], number[][], unknown[], string];

/** Stream numbers below this are one character (n + STREAM_OFFSET); others are ESCAPE and two 15-bit halves. */
export const STREAM_OFFSET = 32; // characters below 32 would each be written as a six-byte \u00XX
export const ESCAPE = 0xc000; // below the surrogates: every character of the stream is valid UTF-16

export type Plain = Record<string, unknown>;

export const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);
