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

/** Runs the built CLI with its own temp folder; `whileRunning` may signal it. `maxOpenFiles`: a low `ulimit -n`. */
function runBuilt(args: string[], tmp: string, options: { maxOpenFiles?: number; whileRunning?: (pid: number) => void } = {}): Promise<Exit> {
  const env = { ...process.env, TMPDIR: tmp, NODE_OPTIONS: "" };
  const child = options.maxOpenFiles
    ? spawn("sh", ["-c", `ulimit -n ${options.maxOpenFiles} && exec "$0" "$@"`, process.execPath, MAIN, ...args], { env })
    : spawn(process.execPath, [MAIN, ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  options.whileRunning?.(child.pid as number);
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Calls `then` once a folder matching `test` appears in `dir` (polling: the CLI gives no other hook). */
function when(test: () => boolean, then: () => void): void {
  const timer = setInterval(() => {
    if (!test()) return;
    clearInterval(timer);
    then();
  }, 5);
}

// Each run starts a fresh node process that loads the whole engine: slow on a busy machine.
jest.setTimeout(180_000);

const scratchIn = (tmp: string): string[] => readdirSync(tmp).filter((n) => n.startsWith("archreview-"));

let repo: SampleRepository;
let base: string;
let big: string;
/** The same 3,000 files under a dependency-cruiser rule: only then are trees still written to a temp folder. */
let rulesBase: string;
let rulesBig: string;
let tmp: string;

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -p tsconfig.json first`);
  repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  base = await repo.commit("base");
  // 3,000 added modules, each importing the previous one: every one is touched and read for its facts.
  writeThousands();
  big = await repo.commit("3,000 files");
  await repo.checkout(base, "rules");
  await repo.write(".dependency-cruiser.json", JSON.stringify({ forbidden: [{ name: "no-m0", severity: "warn", from: {}, to: { path: "m0\\.ts$" } }] }));
  rulesBase = await repo.commit("dependency-cruiser rules");
  writeThousands();
  rulesBig = await repo.commit("3,000 files under rules");
}, 180_000);

function writeThousands(): void {
  for (let i = 0; i < 3_000; i++) {
    const previous = i === 0 ? "" : `import { m${i - 1} } from "./m${i - 1}.js";\n`;
    writeFileSync(path.join(repo.dir, "src", `m${i}.ts`), `${previous}export const m${i} = ${i};\n`);
  }
}
afterAll(() => repo?.dispose());

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-exits-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const reviewArgs = (head: string, extra: string[] = [], from = base) => ["review", "--repo", repo.dir, "--base", from, "--head", head, "--no-cache", "--format", "json", ...extra];
/** Trees are written to a temp folder only when dependency-cruiser's rules judge them. */
const rulesArgs = () => reviewArgs(rulesBig, [], rulesBase);

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
  ] as const)("removes its temp folder on %s while git writes the trees, and exits %i", async (signal, status) => {
    const run = await runBuilt(rulesArgs(), tmp, { whileRunning: (pid) => when(() => scratchIn(tmp).length > 0, () => process.kill(pid, signal)) });
    expect({ code: run.code, signal: run.signal }).toEqual({ code: status, signal: null });
    expect(scratchIn(tmp)).toEqual([]);
  });

  it("removes its temp folder on SIGINT during the analysis, and exits 130", async () => {
    // The head tree is written last, just before the analysis starts in its worker.
    const headWritten = () => scratchIn(tmp).some((d) => existsSync(path.join(tmp, d, "head", "src", "m2999.ts")));
    const run = await runBuilt(rulesArgs(), tmp, { whileRunning: (pid) => when(headWritten, () => process.kill(pid, "SIGINT")) });
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 130, signal: null });
    expect(scratchIn(tmp)).toEqual([]);
  });
});
