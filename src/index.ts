// The Probot entry: registers the handlers and the app's HTTP routes, nothing else.
// Each Probot instance gets its own queue and metrics.
import type { ApplicationFunctionOptions, Probot } from "probot";
import { registerHandlers, type HandlerOptions } from "./github/handlers.js";
import { observabilityHandler } from "./github/http.js";
import { AppMetrics } from "./github/metrics.js";
import { settingsFromEnv } from "./github/settings.js";
import { ReviewQueue } from "./jobs/queue.js";

export function createArchreview(options: Partial<HandlerOptions> = {}) {
  return (app: Probot, probotOptions?: Partial<ApplicationFunctionOptions>): void => {
    const settings = settingsFromEnv(process.env);
    const queue = options.queue ?? new ReviewQueue(app.log, { concurrency: settings.concurrency, settleMs: settings.settleMs });
    const metrics = options.metrics ?? new AppMetrics(() => queue.stats());
    registerHandlers(app, { limits: settings.limits, isolation: settings.isolation, github: settings.github, cacheDir: settings.cacheDir, redisUrl: settings.redisUrl, ...options, queue, metrics });
    // The in-process queue is always reachable; a Redis-backed one will check its connection here.
    const routes = observabilityHandler(metrics, { check: async () => undefined });
    try {
      probotOptions?.addHandler?.(routes);
    } catch (error) {
      // Loaded without an HTTP server (probot.load in tests): there is nowhere to serve routes.
      if (!/No server instance/.test(String(error))) throw error;
    }
  };
}

export default createArchreview();
