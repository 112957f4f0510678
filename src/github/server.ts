// The production entry (`npm start`): an HTTP server whose first handler is the webhook gate
// (webhook-gate.ts), then the app's routes and Probot's webhook middleware. `probot run` cannot be
// used: its server puts Probot's middleware, which buffers, hashes and logs any body, before every
// handler an app adds. Reads the environment Probot documents (APP_ID, PRIVATE_KEY or
// PRIVATE_KEY_PATH, WEBHOOK_SECRET, WEBHOOK_PATH, PORT, HOST, LOG_LEVEL, GHE_HOST...) and `.env`.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseEnv } from "node:util";
import { createNodeMiddleware, createProbot, run } from "probot";
import archreview from "../index.js";
import { maxWebhookBytesFromEnv } from "./app/settings.js";
import { webhookGate } from "./app/webhook-gate.js";

const DEFAULT_WEBHOOK_PATH = "/api/github/webhooks";

/** Like `probot run`: a `.env` in the working directory overrides the environment. */
function applyDotEnv(): void {
  try {
    Object.assign(process.env, parseEnv(readFileSync(path.join(process.cwd(), ".env"), "utf8")));
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") throw error;
  }
}

function ping(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/ping") return false;
  res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
  return true;
}

export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) throw new Error("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) must be set");
  const webhookPath = env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH;
  const probot = createProbot({ env: { LOG_LEVEL: "info", ...env } });
  const app = await createNodeMiddleware(archreview, { probot, webhooksPath: webhookPath });
  const log = probot.log.child({ name: "server" });
  const gate = webhookGate({ path: webhookPath, maxBytes: maxWebhookBytesFromEnv(env), secret: env.WEBHOOK_SECRET || undefined, log });
  const server = createServer((req, res) => {
    const handle = async () => {
      if (ping(req, res) || (await gate(req, res))) return;
      await app(req, res, () => res.writeHead(404).end());
    };
    handle().catch((error: unknown) => {
      log.error({ err: error, method: req.method, path: (req.url ?? "").split("?")[0] }, "Request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const port = Number(env.PORT) || 3000;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, env.HOST, resolve));
  log.info({ port, host: env.HOST ?? null, webhookPath }, "Listening");
  return server;
}

// Run directly (node dist/github/server.js), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  applyDotEnv();
  // Not registered yet: Probot's own setup page registers the App from app.yml (the manifest flow)
  // and writes its credentials to .env; restart `npm start` afterwards. No webhook is processed then.
  const registered = Boolean(process.env.APP_ID && (process.env.PRIVATE_KEY || process.env.PRIVATE_KEY_PATH));
  (registered ? startServer() : run(archreview)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
