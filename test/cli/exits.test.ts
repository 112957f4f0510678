// The built `archreview` executable (run `npx tsc -p tsconfig.json` first, as npm test does):
// time and heap limits like the App's, clean exits on SIGINT/SIGTERM/SIGHUP, and 3,000 touched files
// read without running out of file descriptors.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MAIN = path.join(ROOT, "dist/cli/main.js");

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with its own temp folder; `whileRunning` may signal it (`stderr`: what it wrote so far). `maxOpenFiles`: a low `ulimit -n`. */
function runBuilt(args: string[], tmp: string, options: { maxOpenFiles?: number; whileRunning?: (pid: number, stderr: () => string, exited: Promise<unknown>) => void } = {}): Promise<Exit> {
  const env = { ...process.env, TMPDIR: tmp, NODE_OPTIONS: "" };
  const child = options.maxOpenFiles
    ? spawn("sh", ["-c", `ulimit -n ${options.maxOpenFiles} && exec "$0" "$@"`, process.execPath, MAIN, ...args], { env })
    : spawn(process.execPath, [MAIN, ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<Exit>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  options.whileRunning?.(child.pid as number, () => stderr, closed);
  return closed;
}

/** Calls `then` once `test` holds (polling: the CLI gives no other hook); stops polling when the CLI has exited anyway. */
function when(test: () => boolean, then: () => void, exited: Promise<unknown>): void {
  const timer = setInterval(() => {
    if (!test()) return;
    clearInterval(timer);
    then();
  }, 5);
  void exited.then(() => clearInterval(timer));
}

// Each run starts a fresh node process that loads the whole engine: slow on a busy machine.
jest.setTimeout(180_000);

const scratchIn = (tmp: string): string[] => readdirSync(tmp).filter((n) => n.startsWith("archreview-"));

let repo: SampleRepository;
let base: string;
let big: string;
let tmp: string;

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -p tsconfig.json first`);
  repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  base = await repo.commit("base");
  // 3,000 added modules, each importing the previous one: every one is touched and read for its facts.
  for (let i = 0; i < 3_000; i++) {
    const previous = i === 0 ? "" : `import { m${i - 1} } from "./m${i - 1}.js";\n`;
    writeFileSync(path.join(repo.dir, "src", `m${i}.ts`), `${previous}export const m${i} = ${i};\n`);
  }
  big = await repo.commit("3,000 files");
}, 120_000);
afterAll(() => repo?.dispose());

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-exits-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const reviewArgs = (head: string, extra: string[] = []) => ["review", "--repo", repo.dir, "--base", base, "--head", head, "--no-cache", "--format", "json", ...extra];
/** The working tree (the 3,000 files, checked out): the only review that makes a scratch folder, for its copy of the index. */
const worktreeArgs = () => ["review", "--repo", repo.dir, "--base", base, "--worktree", "--no-cache", "--format", "json"];

describe("archreview executable", () => {
  it("reviews 3,000 added files with only 256 file descriptors", async () => {
    const run = await runBuilt(reviewArgs(big), tmp, { maxOpenFiles: 256 });
    expect(run.stderr).not.toContain("EMFILE");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { head: string }).head).toBe(big);
    expect(scratchIn(tmp)).toEqual([]);
  });

  it("stops an analysis past --timeout with a clear message, exit 2 and no temp folder left", async () => {
    const run = await runBuilt(reviewArgs(big, ["--timeout", "0.01"]), tmp);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("archreview: review took longer than 0.01 s (--timeout)");
    expect(run.stdout).toBe("");
    expect(scratchIn(tmp)).toEqual([]);
  });

  it("refuses a --timeout that is not a positive number", async () => {
    const run = await runBuilt(reviewArgs(big, ["--timeout", "soon"]), tmp);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout must be a positive number (got "soon")');
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("removes --worktree's scratch folder on %s while git writes the working tree's objects, and exits %i", async (signal, status) => {
    const run = await runBuilt(worktreeArgs(), tmp, { whileRunning: (pid, _stderr, exited) => when(() => scratchIn(tmp).length > 0, () => process.kill(pid, signal), exited) });
    expect({ code: run.code, signal: run.signal }).toEqual({ code: status, signal: null });
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("leaves nothing in its temp folder on SIGINT during the analysis (trees read from git objects), and exits 130", async () => {
    // --progress: the stages show at once (otherwise after a second, which a fast machine's review may not last); the graphs are built in the analysis worker.
    const analysing = (stderr: () => string) => () => /archreview: (building the module graphs|comparing)/.test(stderr());
    const run = await runBuilt(reviewArgs(big, ["--progress"]), tmp, { whileRunning: (pid, stderr, exited) => when(analysing(stderr), () => process.kill(pid, "SIGINT"), exited) });
    expect(run.stderr).toMatch(/archreview: (building the module graphs|comparing)/);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 130, signal: null });
    expect(readdirSync(tmp)).toEqual([]);
  });
});
