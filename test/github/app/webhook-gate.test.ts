// The webhook gate in front of a real HTTP server: oversized bodies are refused with 413 before
// they are buffered (Content-Length, or counted while streaming when chunked), unsigned ones with
// 401, each logged once at warn with sizes only; a signed body passes on, read once.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { webhookGate } from "../../../src/github/app/webhook-gate.js";
import { rawPost } from "../raw-http.js";

const SECRET = "gate-secret";
const LIMIT = 64 * 1024;
const PATH = "/api/github/webhooks";
let server: Server;
let port = 0;
let warnings: { meta: object; message: string }[];
let handedOn: { rawBody: Buffer }[];
let gateResults: boolean[];

beforeEach(async () => {
  warnings = [];
  handedOn = [];
  gateResults = [];
  const gate = webhookGate({ path: PATH, maxBytes: LIMIT, secret: SECRET, log: { warn: (meta, message) => warnings.push({ meta, message }) } });
  server = createServer((req, res) => {
    void gate(req, res).then((answered) => {
      gateResults.push(answered);
      if (answered) return;
      handedOn.push(req as IncomingMessage & { rawBody: Buffer });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const sign = (body: Buffer | string) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

/** Posts `chunks` (chunked unless a content-length is given) and resolves with the answer's status. */
async function post(chunks: Buffer[], headers: Record<string, string> = {}, path = PATH): Promise<{ status: number }> {
  const { status } = await rawPost(port, path, { "content-type": "application/json", "x-github-delivery": "d-1", "x-github-event": "push", ...headers }, chunks);
  return { status };
}

const SECRET_MARKER = "body-must-never-be-logged";
const big = (bytes: number) => Buffer.from(JSON.stringify({ marker: SECRET_MARKER, pad: "x".repeat(bytes) }));

describe("webhookGate", () => {
  it("refuses a body whose Content-Length is over the limit with 413, unread, and warns once with sizes only", async () => {
    const body = big(LIMIT * 4);
    const { status } = await post([body], { "content-length": String(body.length), "x-hub-signature-256": sign(body) });
    expect(status).toBe(413);
    expect(handedOn).toHaveLength(0);
    expect(warnings).toEqual([{ meta: { delivery: "d-1", event: "push", limitBytes: LIMIT, contentLength: body.length }, message: "Webhook body over the size limit: refused unread" }]);
    expect(JSON.stringify(warnings)).not.toContain(SECRET_MARKER);
  });

  it("refuses a chunked body once the bytes received pass the limit, keeping no more than the limit", async () => {
    const chunk = big(16 * 1024);
    const chunks = Array.from({ length: 40 }, () => chunk);
    const { status } = await post(chunks, { "x-hub-signature-256": sign(Buffer.concat(chunks)) });
    expect(status).toBe(413);
    expect(handedOn).toHaveLength(0);
    expect(warnings).toHaveLength(1);
    const meta = warnings[0]?.meta as { receivedBytes: number };
    expect(warnings[0]?.message).toBe("Webhook body over the size limit: refused");
    // It stopped at the first chunk past the limit, long before the whole body (40 chunks).
    expect(meta.receivedBytes).toBeGreaterThan(LIMIT);
    expect(meta.receivedBytes).toBeLessThan(LIMIT + 2 * chunk.length);
    expect(JSON.stringify(warnings)).not.toContain(SECRET_MARKER);
  });

  it("refuses an unsigned or wrongly signed body with 401, logged once without the body", async () => {
    const body = big(1024);
    expect((await post([body], { "content-length": String(body.length) })).status).toBe(401);
    expect((await post([body], { "x-hub-signature-256": sign("something else") })).status).toBe(401);
    expect(handedOn).toHaveLength(0);
    expect(warnings.map((w) => w.message)).toEqual(["Webhook signature does not match: refused", "Webhook signature does not match: refused"]);
    expect(JSON.stringify(warnings)).not.toContain(SECRET_MARKER);
  });

  it("hands a signed body within the limit on, already read, and leaves other routes alone", async () => {
    const body = big(LIMIT - 1024);
    expect((await post([body], { "x-hub-signature-256": sign(body) })).status).toBe(200);
    expect(handedOn).toHaveLength(1);
    expect(handedOn[0]?.rawBody.equals(body)).toBe(true);
    expect((await post([big(LIMIT * 2)], {}, "/elsewhere")).status).toBe(200);
    expect(handedOn).toHaveLength(2);
    expect(warnings).toEqual([]);
    // Probot's middleware serves its path with trailing slashes too (and a query): so does the gate.
    expect((await post([body], {}, `${PATH}///`)).status).toBe(401);
    expect((await post([body], {}, `${PATH}?x=1`)).status).toBe(401);
  });

  it("lets go of a request whose client leaves mid-body, keeping nothing", async () => {
    const answer = await rawPost(port, PATH, { "content-type": "application/json", "x-github-delivery": "d-2" }, [big(1024), big(1024)], { abortAfter: 1 });
    expect(answer.status).toBe(0);
    for (let i = 0; i < 100 && gateResults.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gateResults).toEqual([true]);
    expect(handedOn).toHaveLength(0);
    expect(warnings).toEqual([]);
  });
});
