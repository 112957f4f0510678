// The built `archreview` (run `npm run build` first: tsc, the worker bundle, then
// .ci/build-typescript.mjs) compiles dist's minified copy of typescript.js in its review worker, warm
// (with the code cache) and with --no-cache, and the copy's manifest names the installed TypeScript.
// A --import hook (in the main thread and the worker) logs each vm.Script compiled as TypeScript.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Module, createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { commitDemoShortcut } from "../helpers/demo-shortcut-trees.js";
import { ROOT } from "./minified-typescript.js";

const MAIN = path.join(ROOT, "dist/cli/main.js");
const COPY = path.join(ROOT, "dist/engine/typescript-min");
const TYPESCRIPT_FILE = createRequire(import.meta.url).resolve("typescript");

const HOOK = `
import { appendFileSync } from "node:fs";
import vm from "node:vm";
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    if (String(options?.filename).endsWith("/typescript.js")) appendFileSync(process.env.ARCHREVIEW_TS_LOG, JSON.stringify({ file: options.filename, length: code.length, cached: Boolean(options.cachedData) }) + "\\n");
  }
};
`;

jest.setTimeout(120_000);

let tmp: string;
let hook: string;
let repo: SampleRepository;
let base: string;
let head: string;
let runs = 0;

interface CompiledTypeScript {
  file: string;
  length: number;
  cached: boolean;
}

function review(args: string[]): Promise<{ code: number | null; stdout: string; compiled: CompiledTypeScript[] }> {
  const log = path.join(tmp, `ts-${++runs}.jsonl`);
  writeFileSync(log, "");
  const env = { ...process.env, NODE_OPTIONS: "", ARCHREVIEW_TS_LOG: log, TMPDIR: tmp, XDG_CACHE_HOME: path.join(tmp, `xdg-${runs}`) };
  const child = spawn(process.execPath, ["--import", hook, MAIN, "review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "json", ...args], { env });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  return new Promise((resolve) =>
    child.on("close", (code) => {
      const compiled = readFileSync(log, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as CompiledTypeScript);
      resolve({ code, stdout, compiled });
    }),
  );
}

beforeAll(async () => {
  for (const file of [MAIN, path.join(COPY, "manifest.json")]) if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-tsmin-worker-"));
  hook = path.join(tmp, "log-typescript.mjs");
  writeFileSync(hook, HOOK);
  ({ repo, base, head } = await commitDemoShortcut());
}, 60_000);
afterAll(async () => {
  await repo?.dispose();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the built review worker", () => {
  it("compiles dist's minified copy, named as the real typescript.js, with and without the code cache", async () => {
    const manifest = JSON.parse(readFileSync(path.join(COPY, "manifest.json"), "utf8")) as { typescript: string; originalBytes: number };
    expect(manifest).toMatchObject({ typescript: (createRequire(import.meta.url)("typescript/package.json") as { version: string }).version, originalBytes: readFileSync(TYPESCRIPT_FILE).length });
    const minifiedLength = Module.wrap(readFileSync(path.join(COPY, "typescript.js"), "latin1")).length;
    const cacheDir = path.join(tmp, "cache");
    const cold = await review(["--no-cache"]);
    const first = await review(["--cache-dir", cacheDir]);
    const warm = await review(["--cache-dir", cacheDir]);
    for (const run of [cold, first, warm]) {
      expect(run.code).toBe(1);
      expect(run.compiled.map(({ file, length }) => ({ file, length }))).toEqual([{ file: TYPESCRIPT_FILE, length: minifiedLength }]);
    }
    // Cold and the folder's first run compile with the code cache the build made for this Node; warm with the folder's.
    expect([cold, first, warm].map((run) => run.compiled[0]?.cached)).toEqual([true, true, true]);
    // The review's JSON without the measured time, the one field that differs between runs.
    const untimed = (stdout: string) => {
      const review = JSON.parse(stdout) as { stats: { ms: number } };
      return { ...review, stats: { ...review.stats, ms: 0 } };
    };
    expect(untimed(first.stdout)).toEqual(untimed(cold.stdout));
  });
});
