// The GitHub Action end to end: its entry, run as the runner runs it (node, environment variables,
// the event file), against a fake GitHub API on 127.0.0.1 and a git checkout of a layered sample
// with a layer violation. It runs the committed bundle, what action.yml runs (bundle.test.ts checks
// it is current); ARCHREVIEW_ACTION_ENTRY runs another build of it. The bundle's folder is copied out of
// the repository first: on a runner no node_modules lies above it, so a package the bundle fails to
// inline must fail here too (a createRequire of tsconfig-paths once did, with a tsconfig in the reviewed repo).
import { spawn } from "node:child_process";
import { readdirSync, watch } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import webhooks from "@octokit/webhooks-examples" with { type: "json" };
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { runGit } from "../../src/git/git.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";

const BUILT_ENTRY = path.resolve(process.env.ARCHREVIEW_ACTION_ENTRY ?? ".github/action/main.js");
let ENTRY = BUILT_ENTRY;
let bundleCopy = "";

beforeAll(async () => {
  bundleCopy = await mkdtemp(path.join(os.tmpdir(), "archreview-action-bundle-"));
  await cp(path.dirname(BUILT_ENTRY), bundleCopy, { recursive: true });
  ENTRY = path.join(bundleCopy, path.basename(BUILT_ENTRY));
});

afterAll(async () => {
  await rm(bundleCopy, { recursive: true, force: true });
});
const REPO_PATH = "/repos/Codertocat/Hello-World";
const TOKEN = "ghs_workflowtoken";
// The import sits on line 2: the annotation must point there, not at line 1.
const VIOLATION = '// a shortcut through the layers\nimport { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n';

type Example = { name: string; examples: { action?: string }[] };

function pullRequestEvent(base: string, head: string): Record<string, any> {
  const group = (webhooks as unknown as Example[]).find((e) => e.name === "pull_request");
  const event = structuredClone(group?.examples.find((e) => e.action === "opened")) as Record<string, any>;
  event.pull_request.base.sha = base;
  event.pull_request.head.sha = head;
  event.pull_request.number = event.number = 1;
  return event;
}

let repo: SampleRepository;
let base: string;
let tmp: string;
let github: FakeGitHub;

beforeEach(async () => {
  repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  base = await repo.commit("base");
  tmp = await mkdtemp(path.join(os.tmpdir(), "archreview-action-"));
  github = await startFakeGitHub(REPO_PATH);
});

afterEach(async () => {
  await github.close();
  await repo.dispose();
  await rm(tmp, { recursive: true, force: true });
});

/** Where the Action runs: the checkout (default: the sample repository itself) and extra environment (TMPDIR). */
interface Runner {
  workspace?: string;
  env?: Record<string, string>;
}

async function runAction(head: string, inputs: Record<string, string> = {}, runner: Runner = {}): Promise<{ code: number | null; stderr: string; summary: string }> {
  const workspace = runner.workspace ?? repo.dir;
  const eventPath = path.join(tmp, `event-${head.slice(0, 7)}.json`);
  const summaryPath = path.join(tmp, "summary.md");
  await writeFile(eventPath, JSON.stringify(pullRequestEvent(base, head)));
  await writeFile(summaryPath, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? tmp,
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: github.url,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_RUN_ID: "42",
    "INPUT_GITHUB-TOKEN": TOKEN,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...runner.env,
  };
  const child = spawn(process.execPath, [ENTRY], { cwd: workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stdout.resume();
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stderr, summary: await readFile(summaryPath, "utf8") };
}

/** A checkout as actions/checkout makes it by default: the head commit only (`fetch-depth: 1`), `origin` the sample repository. */
async function oneCommitCheckout(): Promise<string> {
  const dir = path.join(tmp, "checkout");
  const cloned = await runGit(["clone", "--quiet", "--depth=1", "--branch=main", `file://${repo.dir}`, dir], { cwd: tmp });
  if (cloned.code !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
  return dir;
}

const hasCommit = async (dir: string, sha: string): Promise<boolean> => (await runGit(["cat-file", "-e", `${sha}^{commit}`], { cwd: dir })).code === 0;

/** Runs the Action with TMPDIR an empty folder; every name created in it while the Action runs, and what is left. */
async function runWatchingTmp(head: string, workspace: string, inputsFor: (tmpdir: string) => Record<string, string> = () => ({})) {
  const watched = await mkdtemp(path.join(os.tmpdir(), "archreview-action-tmpdir-"));
  const created: string[] = [];
  const watcher = watch(watched, (_event, name) => void created.push(String(name)));
  try {
    const run = await runAction(head, inputsFor(watched), { workspace, env: { TMPDIR: watched } });
    // fs.watch reports asynchronously: one more turn of the event loop for the last events.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { run, created: [...new Set(created)], left: readdirSync(watched) };
  } finally {
    watcher.close();
    await rm(watched, { recursive: true, force: true });
  }
}

const writes = (method: string, suffix: string) => github.requests.filter((r) => r.method === method && r.path === `${REPO_PATH}${suffix}`);

describe("the GitHub Action", () => {
  it("reads the base's dependency-cruiser rules and presets from its bundle alone (a runner has no node_modules)", async () => {
    // A forbidden rule of its own, over a preset (read as data) whose warnings fail nothing.
    const forbidden = [{ name: "domain-not-to-infrastructure", severity: "error", from: { path: "^src/domain" }, to: { path: "^src/infrastructure" } }];
    await repo.write(".dependency-cruiser.json", JSON.stringify({ extends: "dependency-cruiser/configs/recommended-warn-only", forbidden }));
    base = await repo.commit("base with dependency-cruiser rules");
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await repo.commit("violation");
    const run = await runAction(head);
    expect(run.stderr).not.toContain("::error::");
    expect(run.stderr).not.toContain("not installed");
    expect(run.code).toBe(1);
    const completed = writes("PATCH", "/check-runs/7").at(-1)?.body as { conclusion: string; output: { annotations: { path: string; start_line: number; message: string }[] } };
    expect(completed.conclusion).toBe("failure");
    expect(completed.output.annotations).toEqual(expect.arrayContaining([expect.objectContaining({ path: "src/domain/shortcut.ts", start_line: 2, message: expect.stringContaining("domain-not-to-infrastructure") })]));
  });

  it("posts a failed check annotated on the import line and one comment; a second run edits that comment", async () => {
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await repo.commit("violation");
    const first = await runAction(head);
    expect(first.stderr).not.toContain("::error::");
    expect(first.code).toBe(1);

    const created = writes("POST", "/check-runs");
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toEqual(expect.objectContaining({ name: "archreview", head_sha: head, status: "in_progress" }));
    expect(created[0]?.authorization).toBe(`token ${TOKEN}`);
    const completed = writes("PATCH", "/check-runs/7").at(-1)?.body as { conclusion: string; output: { annotations: { path: string; start_line: number }[] } };
    expect(completed.conclusion).toBe("failure");
    expect(completed.output.annotations).toEqual(expect.arrayContaining([expect.objectContaining({ path: "src/domain/shortcut.ts", start_line: 2 })]));
    expect(writes("POST", "/issues/1/comments")).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    const firstBody = github.comments[0]?.body ?? "";
    expect(firstBody).toContain("shortcut.ts");
    expect(first.summary).toContain("src/domain/shortcut.ts");

    // A second push: a second violation; the same comment is edited, none is added.
    await repo.write("src/domain/other-shortcut.ts", VIOLATION);
    const second = await runAction(await repo.commit("another"));
    expect(second.code).toBe(1);
    expect(writes("POST", "/issues/1/comments")).toHaveLength(1);
    expect(writes("PATCH", `/issues/comments/${github.comments[0]?.id}`)).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).not.toBe(firstBody);
    expect(github.comments[0]?.body).toContain("other-shortcut.ts");
  }, 240_000);

  it("passes a clean change with a successful check and no comment", async () => {
    await repo.write("src/domain/money.ts", "export type Money = number;\n");
    const run = await runAction(await repo.commit("clean"));
    expect(run.code).toBe(0);
    expect(writes("PATCH", "/check-runs/7").at(-1)?.body).toEqual(expect.objectContaining({ conclusion: "success" }));
    expect(writes("POST", "/issues/1/comments")).toHaveLength(0);
  });

  it("sarif: writes SARIF 2.1.0 with the violation on the import's line to the given path in the workspace", async () => {
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const run = await runAction(await repo.commit("violation"), { sarif: "archreview.sarif" });
    expect(run.code).toBe(1);
    const log = JSON.parse(await readFile(path.join(repo.dir, "archreview.sarif"), "utf8")) as { version: string; runs: { results: { ruleId: string; partialFingerprints: unknown; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] };
    expect(log.version).toBe("2.1.0");
    const [result] = log.runs[0]!.results;
    expect(result!.ruleId).toMatch(/^archreview\/boundary\//);
    expect(result!.locations[0]!.physicalLocation).toEqual({ artifactLocation: expect.objectContaining({ uri: "src/domain/shortcut.ts" }), region: expect.objectContaining({ startLine: 2 }) });
    expect(result!.partialFingerprints).toEqual({ "archreviewFinding/v1": expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it("fail-on never: the violation is reported but the job passes; comment false: no comment is read or written", async () => {
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const run = await runAction(await repo.commit("violation"), { "fail-on": "never", comment: "false" });
    expect(run.code).toBe(0);
    expect(writes("PATCH", "/check-runs/7").at(-1)?.body).toEqual(expect.objectContaining({ conclusion: "success" }));
    expect(github.requests.filter((r) => r.path.includes("/comments"))).toEqual([]);
  });

  it("with a fork's read-only token: every write is refused, the review goes to the job summary, and the job's verdict is the review's", async () => {
    github.readOnly = true;
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const run = await runAction(await repo.commit("violation"));
    expect(run.stderr).not.toContain("::error::");
    expect(run.stderr).toContain("::warning::The workflow's token may not create the check run");
    expect(run.code).toBe(1);
    expect(run.summary).toContain("src/domain/shortcut.ts");
    expect(run.summary).toContain("read-only token");
    // Nothing was written: only refused attempts (the check run's create, the comment's create).
    expect(github.comments).toEqual([]);
    expect(writes("PATCH", "/check-runs/7")).toEqual([]);
  });

  it("in a one-commit checkout: fetches the base and the history to the merge base, reviews from git objects and creates nothing in an empty TMPDIR", async () => {
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await repo.commit("violation");
    const checkout = await oneCommitCheckout();
    expect(await hasCommit(checkout, base)).toBe(false);
    const { run, created, left } = await runWatchingTmp(head, checkout);
    expect(run.stderr).not.toContain("::error::");
    expect(run.code).toBe(1);
    expect(await hasCommit(checkout, base)).toBe(true);
    const completed = writes("PATCH", "/check-runs/7").at(-1)?.body as { conclusion: string; output: { annotations: { path: string; start_line: number }[] } };
    expect(completed.conclusion).toBe("failure");
    expect(completed.output.annotations).toEqual([expect.objectContaining({ path: "src/domain/shortcut.ts", start_line: 2 })]);
    expect(created).toEqual([]);
    expect(left).toEqual([]);
  });

  it("control: the TMPDIR watch sees a file the Action itself writes there (its SARIF)", async () => {
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await repo.commit("violation");
    const { run, created, left } = await runWatchingTmp(head, repo.dir, (tmpdir) => ({ sarif: path.join(tmpdir, "archreview.sarif") }));
    expect(run.code).toBe(1);
    expect(created).toEqual(["archreview.sarif"]);
    expect(left).toEqual(["archreview.sarif"]);
  });

  it("refuses an event that is not a pull request, naming it", async () => {
    const eventPath = path.join(tmp, "push.json");
    await writeFile(eventPath, "{}");
    const child = spawn(process.execPath, [ENTRY], { cwd: repo.dir, env: { PATH: process.env.PATH ?? "", GITHUB_EVENT_NAME: "push", GITHUB_EVENT_PATH: eventPath, "INPUT_GITHUB-TOKEN": TOKEN }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.on("close", resolve))).toBe(1);
    expect(stderr).toContain('::error::archreview reviews pull requests: run it on pull_request (this run is for "push")');
  });
});
