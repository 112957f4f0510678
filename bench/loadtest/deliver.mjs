// Sends one signed webhook delivery to the local app, as GitHub does, and measures how long the
// app takes to acknowledge it (time until the whole HTTP response has arrived).
import { createHmac } from "node:crypto";
import http from "node:http";

/** GitHub gives up on a delivery after 10 s; past this we stop waiting and count it failed. */
export const ACK_TIMEOUT_MS = 15_000;

// No socket limit: a burst's requests must not queue inside this client and pass for app latency.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export function signature(secret, body) {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * Posts `payload` as event `event` with delivery id `id` to http://127.0.0.1:port/path.
 * Returns { sent, acked }: `sent` resolves once the app has taken the request (its server
 * answered `100 Continue` to the headers) and the body is on the wire; the next delivery of a
 * burst starts then. Each delivery has its own connection, as GitHub's do; without this wait,
 * connections opened together reach the app in any order (seen: a PR's third push handled before
 * its first), and "the last push" would be the harness's accident, not the app's.
 * `acked` resolves with { status, ms, error? } and never rejects.
 */
export function deliver({ port, path, secret, event, id, payload }) {
  const body = JSON.stringify(payload);
  const started = performance.now();
  let markSent;
  const sent = new Promise((resolve) => (markSent = resolve));
  const acked = new Promise((resolve) => {
    const finish = (result) => {
      markSent();
      resolve({ ...result, ms: performance.now() - started });
    };
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        agent,
        timeout: ACK_TIMEOUT_MS,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "GitHub-Hookshot/loadtest",
          "x-github-event": event,
          "x-github-delivery": id,
          "x-github-hook-id": "1",
          "x-github-hook-installation-target-type": "integration",
          "x-hub-signature-256": signature(secret, body),
          expect: "100-continue",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => finish({ status: res.statusCode }));
        res.on("error", (error) => finish({ status: res.statusCode, error: error.message }));
      },
    );
    req.on("finish", () => markSent());
    req.on("timeout", () => req.destroy(new Error(`no answer within ${ACK_TIMEOUT_MS} ms`)));
    req.on("error", (error) => finish({ status: 0, error: error.message }));
    req.on("continue", () => req.end(body));
    req.flushHeaders();
  });
  return { sent, acked };
}

export function closeDeliveryAgent() {
  agent.destroy();
}
