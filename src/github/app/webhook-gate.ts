// The first thing a webhook request meets, before Probot's middleware buffers, hashes or logs it:
// a body over the limit (GitHub sends at most 25 MB) is refused with 413, unread when its
// Content-Length says so, or as soon as the bytes streamed in pass the limit; a body whose
// signature does not match is refused with 401. Either is logged once, at warn, with sizes and ids
// only, never the body; the rest of a refused upload is discarded (at most twice the limit, then
// the connection is closed). What passes is handed on already read (`rawBody`): Probot reads it once.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export const GITHUB_MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface GateLogger {
  warn(meta: object, message: string): void;
}

export interface WebhookGateOptions {
  /** The webhook route (Probot's WEBHOOK_PATH). */
  path: string;
  maxBytes: number;
  /** The webhook secret; without one the signature is left to Probot. */
  secret?: string;
  log: GateLogger;
}

type Read = { body: Buffer } | { overLimitAt: number } | { closedEarly: true };

/** As @octokit/webhooks' middleware compares paths, so that no request it serves bypasses the gate. */
function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return end === 0 ? "/" : path.slice(0, end);
}

function pathOf(url: string | undefined): string | null {
  try {
    return new URL(trimSlashes(url ?? ""), "http://localhost").pathname;
  } catch {
    return null;
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads at most `maxBytes`; past that it stops keeping chunks and reports where it stopped. */
function readCapped(req: IncomingMessage, maxBytes: number): Promise<Read> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        stop();
        req.pause();
        resolve({ overLimitAt: size });
      }
    };
    const onEnd = () => {
      stop();
      resolve({ body: Buffer.concat(chunks, size) });
    };
    // The client went away mid-body ("aborted", or closed): there is no one to answer.
    const onGone = () => {
      stop();
      resolve({ closedEarly: true });
    };
    req.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onGone);
  });
}

function signatureMatches(secret: string, body: Buffer, signature: string | undefined): boolean {
  if (!signature?.startsWith("sha256=")) return false;
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Answers at once. What the client still sends is discarded, never kept: up to `drainBytes`, so
 * that an ordinary client reads the answer, then the connection is closed.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: string, drainBytes: number): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error }));
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > drainBytes) req.socket.destroy();
  });
  req.resume();
}

/** A server handler: true when it answered (refused), false to hand the request on. */
export function webhookGate(options: WebhookGateOptions) {
  const route = trimSlashes(options.path);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "POST" || pathOf(req.url) !== route) return false;
    const meta = { delivery: headerOf(req, "x-github-delivery"), event: headerOf(req, "x-github-event"), limitBytes: options.maxBytes };
    const declared = Number(headerOf(req, "content-length"));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      options.log.warn({ ...meta, contentLength: declared }, "Webhook body over the size limit: refused unread");
      refuse(req, res, 413, `Payload Too Large: webhook bodies are limited to ${options.maxBytes} bytes`, 2 * options.maxBytes);
      return true;
    }
    const read = await readCapped(req, options.maxBytes);
    if ("closedEarly" in read) return true;
    if ("overLimitAt" in read) {
      options.log.warn({ ...meta, receivedBytes: read.overLimitAt }, "Webhook body over the size limit: refused");
      refuse(req, res, 413, `Payload Too Large: webhook bodies are limited to ${options.maxBytes} bytes`, 2 * options.maxBytes);
      return true;
    }
    if (options.secret && !signatureMatches(options.secret, read.body, headerOf(req, "x-hub-signature-256"))) {
      options.log.warn({ ...meta, bytes: read.body.length }, "Webhook signature does not match: refused");
      refuse(req, res, 401, "signature does not match event payload and secret", 0);
      return true;
    }
    // @octokit/webhooks' middleware takes a body already read from `rawBody` (with `body` an object).
    Object.assign(req, { body: {}, rawBody: read.body });
    return false;
  };
}
