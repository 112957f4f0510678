// `npm start` (dist/github/server.js: the webhook gate, then Probot's middleware) serves the
// webhook: a delivery with a bad signature is rejected and does nothing; a signed one is
// acknowledged; an oversized one is refused with 413 and never logged whole.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { commentPayload } from "./app-harness.js";
import { rawPost } from "./raw-http.js";

const ROOT = path.resolve(".");
const SECRET = "a-webhook-secret";
let server: ChildProcess;
let port = 0;
let output = "";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server did not start:\n${output}`);
}

function deliver(body: string, signature: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": "d-1", "x-hub-signature-256": signature },
    body,
  });
}

beforeAll(async () => {
  port = await freePort();
  // `npm start` runs exactly this (package.json "start"); npm itself is left out to keep one process to stop.
  server = spawn(process.execPath, [path.join(ROOT, "dist/github/server.js")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      APP_ID: "123",
      PRIVATE_KEY: readFileSync(path.join(ROOT, "test/fixtures/github/test-app-key.pem"), "utf8"),
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ARCHREVIEW_MAX_WEBHOOK_MB: "1",
    },
  });
  server.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await waitForServer();
});

// Waits for the server to exit: a child still running (its pipes open) would keep Jest from exiting.
afterAll(async () => {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
});

describe("npm start", () => {
  it("rejects a delivery whose signature is wrong, and does nothing with it", async () => {
    const body = JSON.stringify(commentPayload("/archreview rescan"));
    const response = await deliver(body, `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    // A processed command would have asked GitHub for an installation token first.
    expect(output).not.toMatch(/access_tokens|Review queued/);
  });

  it("acknowledges a correctly signed delivery", async () => {
    const body = JSON.stringify(commentPayload("just a comment, no command"));
    const response = await deliver(body, `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`);
    expect(response.status).toBe(200);
  });
});

describe("observability routes", () => {
  it("answers /healthz when the queue is reachable", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("serves Prometheus metrics: reviews by outcome, duration, queue depth and age, API errors", async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const name of ["archreview_reviews_total", "archreview_review_duration_seconds", "archreview_queue_depth", "archreview_queue_oldest_age_seconds", "archreview_github_api_errors_total"]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    expect(text).toContain('archreview_queue_depth{state="waiting"} 0');
  });
});

async function postRaw(chunks: Buffer[], headers: Record<string, string>): Promise<number> {
  return (await rawPost(port, "/api/github/webhooks", { "content-type": "application/json", "x-github-event": "issue_comment", ...headers }, chunks)).status;
}

describe("oversized webhook bodies", () => {
  const MARKER = "oversized-body-marker";
  const signed = (body: Buffer) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

  it("refuses a body over the limit with 413, by its Content-Length or while it streams, logging sizes only, once, at warn", async () => {
    const before = output.length;
    const body = Buffer.from(JSON.stringify({ ...commentPayload("/archreview help"), padding: `${MARKER}${"x".repeat(1.5 * 1024 * 1024)}` }));
    expect(await postRaw([body], { "content-length": String(body.length), "x-github-delivery": "big-1", "x-hub-signature-256": signed(body) })).toBe(413);
    const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536));
    expect(await postRaw(chunks, { "x-github-delivery": "big-2", "x-hub-signature-256": signed(body) })).toBe(413);
    // Logs are asynchronous: wait for the second refusal's line.
    for (let i = 0; i < 50 && (output.slice(before).match(/over the size limit/g) ?? []).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const logged = output.slice(before);
    expect(logged.match(/over the size limit/g)).toHaveLength(2);
    expect(logged).toMatch(/big-1/);
    expect(logged).toMatch(/big-2/);
    expect(logged).not.toContain(MARKER);
    expect(logged).not.toMatch(/ERROR|"level":50/);
  });

  it("does not log an unsigned body", async () => {
    const before = output.length;
    const body = JSON.stringify({ ...commentPayload("/archreview help"), padding: MARKER });
    const response = await deliver(body, "sha256=0000");
    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(output.slice(before)).not.toContain(MARKER);
  });
});
