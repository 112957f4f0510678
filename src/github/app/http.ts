// The app's own HTTP routes next to Probot's webhook: readiness and Prometheus metrics.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppMetrics } from "./metrics.js";

export interface Readiness {
  /** Resolves when the queue backend answers; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export function observabilityHandler(metrics: AppMetrics, readiness: Readiness) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET") return false;
    const path = (req.url ?? "").split("?")[0];
    if (path === "/healthz") {
      try {
        await readiness.check();
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      } catch (error) {
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ status: "unavailable", reason: String((error as Error).message ?? error) }));
      }
      return true;
    }
    if (path === "/metrics") {
      res.writeHead(200, { "content-type": metrics.registry.contentType }).end(await metrics.registry.metrics());
      return true;
    }
    return false;
  };
}
