// The restart test: two real app processes (`probot run`, as deployed) share a real Redis; a local
// fake GitHub (the load check's, bench/loadtest/fake-github.mjs) holds the review's tarball download,
// so the first instance is mid-review when it is killed with SIGKILL. A second instance, started
// as a worker only, takes the job over once the dead one's lock expires and finishes the review:
// one check run, completed once, and one comment.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
// @ts-expect-error: plain ESM helpers of the load check, without type declarations
import { appEnv, startApp } from "../../bench/loadtest/app-process.mjs";
// @ts-expect-error: see above
import { deliver } from "../../bench/loadtest/deliver.mjs";
// @ts-expect-error: see above
import { startFakeGitHub } from "../../bench/loadtest/fake-github.mjs";
// @ts-expect-error: see above
import { pullRequestPayload } from "../../bench/loadtest/payloads.mjs";

jest.setTimeout(180_000);

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const url = process.env.REDIS_URL as string;
const OWNER = "Codertocat";
const REPO = "Hello-World";
const INSTALLATION = 7;

interface Check {
  status: string;
  conclusion: string | null;
  completions: number;
  headSha: string;
}
interface FakeState {
  checks: Map<number, Check>;
  prs: Map<string, { commentsCreated: number[] }>;
  unexpected: unknown[];
}
interface Fake {
  state: FakeState;
  host: string;
  close(): Promise<void>;
}
interface AppProcess {
  kill(): Promise<void>;
  stop(): Promise<void>;
  logs: { tail: string[] };
}

let repo: SampleRepository;
let scratch: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  if (!url) throw new Error("REDIS_URL is not set: run `REDIS_URL=redis://127.0.0.1:6379 npm run test:redis` with a Redis started");
  repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  scratch = await mkdtemp(path.join(os.tmpdir(), "archreview-restart-"));
});
afterAll(async () => {
  for (const step of cleanups.reverse()) await step().catch(() => undefined);
  await repo?.dispose();
  await rm(scratch, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(what: string, done: () => boolean, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("Redis mode: restart", () => {
  it("finishes in another instance a review whose instance was killed mid-review", async () => {
    const base = await repo.commit("base");
    await repo.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = () => new MemoryUserRepository();\n');
    const head = await repo.commit("head");

    // The first tarball download is held until the first instance is dead.
    let holding = true;
    let held = false;
    const hold = (route: string) => {
      if (!holding || !route.startsWith("GET /codeload/")) return null;
      held = true;
      return new Promise<void>((resolve) => cleanups.push(async () => resolve()));
    };
    const fake: Fake = await startFakeGitHub({ repoDir: repo.dir, installations: new Map([[`${OWNER}/${REPO}`, INSTALLATION]]), hold });
    cleanups.push(() => fake.close());

    const secret = randomBytes(16).toString("hex");
    const prefix = `restart-${randomUUID()}`;
    const start = async (name: string, role: string): Promise<{ app: AppProcess; port: number }> => {
      const dirs = { cwd: path.join(scratch, name), tmp: path.join(scratch, `${name}-tmp`) };
      for (const dir of Object.values(dirs)) await import("node:fs/promises").then((fs) => fs.mkdir(dir, { recursive: true }));
      const port = await freePort();
      const env = {
        ...appEnv({ repoRoot: REPO_ROOT, fakeHost: fake.host, port, secret, cacheDir: "off", tmpDir: dirs.tmp, settleMs: 100 }),
        ARCHREVIEW_CACHE_DIR: "off",
        REDIS_URL: url,
        ARCHREVIEW_REDIS_PREFIX: prefix,
        ARCHREVIEW_ROLE: role,
        ARCHREVIEW_JOB_LOCK_SECONDS: "2",
      };
      const app: AppProcess = await startApp({ repoRoot: REPO_ROOT, cwd: dirs.cwd, env, port, deadline: Date.now() + 60_000 });
      cleanups.push(() => app.stop());
      return { app, port };
    };

    const first = await start("first", "all");
    const payload = pullRequestPayload({ owner: OWNER, repo: REPO, installation: INSTALLATION, number: 1, base, head, action: "opened" }, `http://${fake.host}`);
    const { acked } = deliver({ port: first.port, path: "/api/github/webhooks", secret, event: "pull_request", id: randomUUID(), payload });
    expect((await acked).status).toBe(200);

    await until("the first instance to start downloading", () => held);
    const [check] = [...fake.state.checks.values()];
    expect(check).toEqual(expect.objectContaining({ status: "in_progress", headSha: head }));
    await first.app.kill();
    holding = false;

    const second = await start("second", "worker");
    await until("the review to be finished by the second instance", () => [...fake.state.checks.values()].some((c) => c.status === "completed"));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // anything late (a duplicate) shows up too
    await second.app.stop();

    const checks = [...fake.state.checks.values()];
    expect(checks).toHaveLength(1);
    expect(checks[0]).toEqual(expect.objectContaining({ status: "completed", conclusion: "failure", completions: 1 }));
    expect(fake.state.prs.get(`${OWNER}/${REPO}#1`)?.commentsCreated).toHaveLength(1);
    expect(fake.state.unexpected).toEqual([]);
  });
});
