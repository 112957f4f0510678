// `archreview init` reads HEAD from git objects: it writes no temp tree (nor any scratch folder).
// Runs the built executable (npx tsc -p tsconfig.json first) with TMPDIR an empty folder watched for
// any entry made in it, however briefly; the control shows the watcher sees one made during a run.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { FIXTURES } from "./harness.js";

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/cli/main.js");
jest.setTimeout(120_000);

let repo: SampleRepository | undefined;
let tmp: string | undefined;
afterEach(async () => {
  await repo?.dispose();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  repo = undefined;
  tmp = undefined;
});

/** `archreview init` with TMPDIR an empty folder: every name created in it while init runs. `during(tmp)`: run once init has started. */
async function initWatchingTmp(dir: string, during?: (tmp: string) => void): Promise<{ code: number | null; stdout: string; created: string[]; left: string[] }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -p tsconfig.json first`);
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-empty-tmp-"));
  const watched = tmp;
  const created: string[] = [];
  const watcher = watch(watched, (_event, name) => void created.push(String(name)));
  const child = spawn(process.execPath, [MAIN, "init", "--repo", dir], { env: { ...process.env, TMPDIR: watched, NODE_OPTIONS: "" } });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  during?.(watched);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  // fs.watch reports asynchronously: one more turn of the event loop for the last events.
  await new Promise((resolve) => setTimeout(resolve, 50));
  watcher.close();
  return { code, stdout, created: [...new Set(created)], left: readdirSync(watched) };
}

/** Feature folders with layers, a cycle and a dependency-cruiser config, committed without a config of ours. */
async function layersRepo(): Promise<SampleRepository> {
  const made = await SampleRepository.create(path.join(FIXTURES, "init-layers"));
  await made.remove(".github/archreview.yml");
  await made.commit("as it is today");
  return made;
}

describe("archreview init: no temp tree", () => {
  it("creates nothing in an empty TMPDIR while it reads and measures HEAD, and writes its proposal", async () => {
    repo = await layersRepo();
    const { code, stdout, created, left } = await initWatchingTmp(repo.dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Cycles today: 1 /);
    expect(readFileSync(path.join(repo.dir, ".github/archreview.yml"), "utf8")).toMatch(/domain: \["src\/\*\*\/domain\/\*\*"\]/);
    expect(created).toEqual([]);
    expect(left).toEqual([]);
  });

  it("control: the watcher does see a file made in TMPDIR while init runs", async () => {
    repo = await layersRepo();
    const { code, created, left } = await initWatchingTmp(repo.dir, (watched) => writeFileSync(path.join(watched, "made-by-the-test"), "x"));
    expect(code).toBe(0);
    expect(created).toEqual(["made-by-the-test"]);
    expect(left).toEqual(["made-by-the-test"]);
  });
});
