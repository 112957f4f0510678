// What the built `archreview` loads (run `npx tsc -p tsconfig.json` first, as npm test does):
// --help, usage errors and configuration errors load none of the heavy packages (TypeScript,
// ts-morph, dependency-cruiser, Redis clients, Probot); a review loads TypeScript, and a warm one no ts-morph.
// A module.register resolve hook, preloaded with --import in the main thread and the analysis worker,
// logs every resolved URL (ESM imports and the requires of CommonJS packages loaded through them);
// wrappers of Module._load and vm.Script log what require loads and what is compiled by hand
// (TypeScript from its code cache: engine/typescript-code-cache.ts). A look-up is no load: the
// standby worker reads typescript.js's text ahead (require.resolve) but compiles it only for a review.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MAIN = path.join(ROOT, "dist/cli/main.js");
const HEAVY = ["typescript", "ts-morph", "@ts-morph/common", "dependency-cruiser", "ioredis", "bullmq", "probot"];

const HOOK = `
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
const log = process.env.ARCHREVIEW_LOAD_LOG;
const logFile = (file) => { if (typeof file === "string" && file.startsWith("/")) appendFileSync(log, pathToFileURL(file).href + "\\n"); };
// Loads, not look-ups: what require runs, and what is compiled by hand (TypeScript from its code cache).
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { logFile(Module._resolveFilename(request, parent, isMain)); } catch {}
  return load.apply(this, arguments);
};
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) { super(code, options); logFile(options?.filename); }
};
register("data:text/javascript," + encodeURIComponent(\`
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(\${JSON.stringify(log)}, resolved.url + "\\\\n");
  return resolved;
}\`));
`;

jest.setTimeout(120_000);

let tmp: string;
let hook: string;
let repo: SampleRepository;
let base: string;
let head: string;
let runs = 0;

/** Runs the built CLI with the hook; returns its exit code, stderr and the packages it loaded. */
function runLogged(args: string[]): Promise<{ code: number | null; stderr: string; logged: boolean; loaded: string[] }> {
  const log = path.join(tmp, `loads-${++runs}.txt`);
  writeFileSync(log, "");
  const env = { ...process.env, NODE_OPTIONS: "", ARCHREVIEW_LOAD_LOG: log, TMPDIR: tmp };
  const child = spawn(process.execPath, ["--import", hook, MAIN, ...args], { env });
  let stderr = "";
  child.stdout.resume();
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      const urls = readFileSync(log, "utf8").split("\n").filter(Boolean);
      resolve({ code, stderr, logged: urls.some((u) => u.endsWith("/dist/cli/main.js")), loaded: packagesOf(urls) });
    }),
  );
}

/** The npm packages among the URLs (scoped ones as @scope/name). */
function packagesOf(urls: string[]): string[] {
  const names = urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((n): n is string => n !== undefined);
  return [...new Set(names)].sort();
}

/** The heavy packages a run loaded; throws when the hook logged nothing (the run proves nothing then). */
function heavyIn(run: { logged: boolean; loaded: string[] }): string[] {
  if (!run.logged) throw new Error("the load hook logged nothing");
  return run.loaded.filter((p) => HEAVY.includes(p));
}

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -p tsconfig.json first`);
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-loads-"));
  hook = path.join(tmp, "log-loads.mjs");
  writeFileSync(hook, HOOK);
  writeFileSync(path.join(tmp, "broken.yml"), "boundaries: [\n");
  repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  base = await repo.commit("base");
  writeFileSync(path.join(repo.dir, "src", "constants.ts"), "export const ANSWER = 42;\n");
  head = await repo.commit("a module without classes or functions");
}, 60_000);
afterAll(async () => {
  await repo?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe("archreview loads only what the command needs", () => {
  it("--help loads none of the heavy packages", async () => {
    const run = await runLogged(["--help"]);
    expect(run.code).toBe(0);
    expect(heavyIn(run)).toEqual([]);
  });

  it("a usage error loads none of them", async () => {
    const run = await runLogged(["review", "--base", "HEAD", "--fromat", "json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--fromat");
    expect(heavyIn(run)).toEqual([]);
  });

  it("a configuration error loads none of them, found in this thread (cache on) or in the worker (--no-cache)", async () => {
    const review = ["review", "--repo", repo.dir, "--base", base, "--head", head, "--config", path.join(tmp, "broken.yml")];
    for (const cache of [["--cache-dir", path.join(tmp, "cache-broken")], ["--no-cache"]]) {
      const run = await runLogged([...review, ...cache]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("broken.yml");
      expect(heavyIn(run)).toEqual([]);
    }
  });

  it("a review loads TypeScript (the hook sees the worker's loads); a warm one still no ts-morph, dependency-cruiser or Redis", async () => {
    const review = ["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "json", "--cache-dir", path.join(tmp, "cache")];
    const cold = await runLogged(review);
    expect(cold.code).toBe(0);
    expect(heavyIn(cold)).toContain("typescript");
    const warm = await runLogged(review);
    expect(warm.code).toBe(0);
    expect(heavyIn(warm)).toEqual(["typescript"]);
  });
});
