// A pino logger whose JSON lines land in `lines`, for tests that assert what was logged.
import { Writable } from "node:stream";
import { pino, type Level, type Logger } from "pino";

export function capturingLogger(level: Level, lines: string[]): Logger {
  return pino({ level }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
}
