// A bare HTTP/1.1 POST over a TCP socket: unlike node's http client and fetch, nock (which other
// suites in the same jest worker may have left active) does not intercept it, and it reads the
// answer even when the server stops the upload early.
import { connect } from "node:net";

export interface RawAnswer {
  /** 0 when the connection ended without an answer. */
  status: number;
  raw: string;
}

/** Posts `chunks` (chunked unless `content-length` is among `headers`), pacing writes; resolves with the answer's status line. */
export function rawPost(port: number, path: string, headers: Record<string, string>, chunks: Buffer[], options: { abortAfter?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunked = !Object.keys(headers).some((h) => h.toLowerCase() === "content-length");
    let answer = "";
    const done = () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), raw: answer });
    // The status line is all a test needs: once it is in, the client hangs up (as a client refused mid-upload would).
    socket.on("data", (d: Buffer) => {
      answer += d.toString("latin1");
      if (answer.includes("\r\n")) socket.destroy();
    });
    socket.on("error", () => undefined);
    socket.on("close", done);
    const head = [`POST ${path} HTTP/1.1`, "host: 127.0.0.1", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), ...(chunked ? ["transfer-encoding: chunked"] : [])];
    socket.write(`${head.join("\r\n")}\r\n\r\n`);
    const write = (i: number): void => {
      if (socket.destroyed || answer) return;
      if (options.abortAfter === i) {
        socket.destroy();
        return;
      }
      if (i === chunks.length) {
        if (chunked) socket.write("0\r\n\r\n");
        return;
      }
      const chunk = chunks[i] as Buffer;
      const framed = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk;
      socket.write(framed, () => write(i + 1));
    };
    write(0);
  });
}
