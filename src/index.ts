// The Probot entry: registers the handlers, nothing else. Each Probot instance gets its own queue.
import type { Probot } from "probot";
import { registerHandlers, type HandlerOptions } from "./github/handlers.js";
import { settingsFromEnv } from "./github/settings.js";
import { ReviewQueue } from "./jobs/queue.js";

export function createArchreview(options: Partial<HandlerOptions> = {}) {
  return (app: Probot): void => {
    const settings = settingsFromEnv(process.env);
    registerHandlers(app, {
      limits: settings.limits,
      isolation: settings.isolation,
      ...options,
      queue: options.queue ?? new ReviewQueue(app.log, { concurrency: settings.concurrency, settleMs: settings.settleMs }),
    });
  };
}

export default createArchreview();
