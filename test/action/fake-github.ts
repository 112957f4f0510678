// A small GitHub API on 127.0.0.1 for the Action's end-to-end test: check runs and issue comments,
// kept in memory. `readOnly`: every write answers 403 as GitHub does to a fork's token.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> | null;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  comments: { id: number; body: string; user: { login: string; type: string } }[];
  readOnly: boolean;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

export async function startFakeGitHub(repoPath: string): Promise<FakeGitHub> {
  let nextId = 100;
  const fake: Omit<FakeGitHub, "url" | "close"> = { requests: [], comments: [], readOnly: false };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const { pathname } = url;
      fake.requests.push({ method: req.method ?? "", path: pathname, authorization: req.headers.authorization, body });
      const reply = (status: number, data: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(data));
      };
      if (req.method !== "GET" && fake.readOnly) return reply(403, { message: "Resource not accessible by integration" });
      if (req.method === "POST" && pathname === `${repoPath}/check-runs`) return reply(201, { id: 7, ...body });
      if (req.method === "PATCH" && pathname === `${repoPath}/check-runs/7`) return reply(200, { id: 7, ...body });
      if (req.method === "GET" && pathname === `${repoPath}/issues/1/comments`) return reply(200, fake.comments);
      if (req.method === "POST" && pathname === `${repoPath}/issues/1/comments`) {
        const comment = { id: nextId++, body: String(body?.body ?? ""), user: { login: "github-actions[bot]", type: "Bot" } };
        fake.comments.push(comment);
        return reply(201, comment);
      }
      const edit = /\/issues\/comments\/(\d+)$/.exec(pathname);
      const existing = edit ? fake.comments.find((c) => c.id === Number(edit[1])) : undefined;
      if (req.method === "PATCH" && existing) {
        existing.body = String(body?.body ?? "");
        return reply(200, existing);
      }
      reply(404, { message: "Not Found" });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as FakeGitHub;
}
