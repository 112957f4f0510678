// The built `archreview` (run `npm run build` first, as npm test does: tsc, then .ci/build-worker.mjs)
// reviews in the bundled worker (dist/engine/worker-bundle/) and gives the JSON the compiled worker
// gives, with and without the graph cache; its inlined resolver (enhanced-resolve, the tsconfig-paths
// plugin, tsconfig-paths) resolves tsconfig `paths` and workspace packages of a git tree as the installed
// packages do, none of them read from node_modules; and for a review or a check it spawns that worker
// before it loads the rest of the CLI (cli/run.js), never for --help, --version or a usage error.
// A --import hook in both threads logs each resolved module URL, each CommonJS resolution (TypeScript
// comes through createRequire) and each Worker spawned, in order, to one file per run.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { commitDemoShortcut } from "../helpers/demo-shortcut-trees.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = path.join(ROOT, "dist");
const BUNDLED_WORKER = path.join(DIST, "engine/worker-bundle/review-worker.js");
const COMPILED_WORKER = path.join(DIST, "engine/review-worker.js");
/** A module URL of the resolver packages .ci/build-worker.mjs inlines (RESOLVER_FAMILY). */
const RESOLVER_PACKAGE_URL = /^load file:.*\/node_modules\/(enhanced-resolve|tapable|graceful-fs|tsconfig-paths|tsconfig-paths-webpack-plugin|json5|minimist|strip-bom|chalk|supports-color|has-flag|ansi-styles|color-convert|color-name)\//;

const HOOK = `
import { appendFileSync } from "node:fs";
import Module, { register, syncBuiltinESMExports } from "node:module";
import { pathToFileURL } from "node:url";
import workerThreads from "node:worker_threads";
const log = process.env.ARCHREVIEW_LOAD_LOG;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const file = resolveFilename.apply(this, args);
  if (file.startsWith("/")) appendFileSync(log, "load " + pathToFileURL(file).href + "\\n");
  return file;
};
const Worker = workerThreads.Worker;
workerThreads.Worker = class extends Worker {
  constructor(file, options) {
    appendFileSync(log, "spawn " + String(file) + "\\n");
    super(file, options);
  }
};
syncBuiltinESMExports();
register("data:text/javascript," + encodeURIComponent(\`
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(\${JSON.stringify(log)}, "load " + resolved.url + "\\\\n");
  return resolved;
}\`));
`;

jest.setTimeout(180_000);

let tmp: string;
let hook: string;
let unbundledMain: string;
let repo: SampleRepository;
let base: string;
let head: string;
let runs = 0;

interface LoggedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The hook's lines in order: "load <url>" and "spawn <worker file>". */
  events: string[];
}

function runLogged(main: string, args: string[]): Promise<LoggedRun> {
  const log = path.join(tmp, `events-${++runs}.txt`);
  writeFileSync(log, "");
  const env = { ...process.env, NODE_OPTIONS: "", ARCHREVIEW_LOAD_LOG: log, TMPDIR: tmp };
  const child = spawn(process.execPath, ["--import", hook, main, ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      const events = readFileSync(log, "utf8").split("\n").filter(Boolean);
      if (!events.some((e) => e.endsWith("/cli/main.js"))) throw new Error("the hook logged nothing");
      resolve({ code, stdout, stderr, events });
    }),
  );
}

const spawned = (run: LoggedRun): string[] => run.events.filter((e) => e.startsWith("spawn ")).map((e) => e.slice("spawn ".length));
const loaded = (run: LoggedRun, file: string): boolean => run.events.includes(`load ${pathToFileURL(file).href}`);

/** The review's JSON without the measured time, the one field that differs between runs. */
function untimed(run: LoggedRun): unknown {
  if (run.code === 2 || run.code === null) throw new Error(`archreview failed: ${run.stderr}`);
  const review = JSON.parse(run.stdout) as { stats: { ms: number } };
  return { ...review, stats: { ...review.stats, ms: 0 } };
}

beforeAll(async () => {
  const fresh = existsSync(BUNDLED_WORKER) && existsSync(COMPILED_WORKER) && statSync(BUNDLED_WORKER).mtimeMs >= statSync(COMPILED_WORKER).mtimeMs;
  if (!fresh) throw new Error(`${BUNDLED_WORKER} is missing or older than ${COMPILED_WORKER}: run npm run build first`);
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-bundle-"));
  hook = path.join(tmp, "log-events.mjs");
  writeFileSync(hook, HOOK);
  // The same build without the bundle: its CLI starts the compiled worker. Its packages resolve through a link to ours.
  const copy = path.join(tmp, "unbundled");
  mkdirSync(copy);
  cpSync(DIST, path.join(copy, "dist"), { recursive: true, filter: (file) => !file.includes(`${path.sep}worker-bundle`) });
  cpSync(path.join(ROOT, "package.json"), path.join(copy, "package.json"));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
  unbundledMain = path.join(copy, "dist/cli/main.js");
  ({ repo, base, head } = await commitDemoShortcut());
}, 60_000);
afterAll(async () => {
  await repo?.dispose();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the built CLI's review worker", () => {
  it("is the bundle, loading TypeScript by name from node_modules, and answers as the compiled worker does", async () => {
    const review = ["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "json"];
    for (const cache of [["--no-cache"], ["--cache-dir", path.join(tmp, "cache-bundled")]]) {
      const bundled = await runLogged(path.join(DIST, "cli/main.js"), [...review, ...cache]);
      expect(spawned(bundled)).toEqual([BUNDLED_WORKER]);
      expect(loaded(bundled, BUNDLED_WORKER)).toBe(true);
      expect(loaded(bundled, COMPILED_WORKER)).toBe(false);
      // External, not inlined: the worker resolves the installed package (with --cache-dir, for its V8 code cache).
      expect(bundled.events.some((e) => /^load file:.*\/node_modules\/typescript\/lib\/typescript\.js$/.test(e))).toBe(true);
      const unbundled = await runLogged(unbundledMain, [...review, ...cache.map((a) => a.replace("cache-bundled", "cache-unbundled"))]);
      expect(spawned(unbundled)).toEqual([path.join(path.dirname(unbundledMain), "../engine/review-worker.js")]);
      expect(unbundled.events.some((e) => e.includes("/worker-bundle/"))).toBe(false);
      expect(bundled.code).toBe(unbundled.code);
      expect(untimed(bundled)).toEqual(untimed(unbundled));
      expect((untimed(bundled) as { newViolations: unknown[] }).newViolations).toHaveLength(1);
    }
  });

  it("gives the same JSON warm (base graph and TypeScript's code cache from the folder) as the compiled worker", async () => {
    const review = ["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "json", "--cache-dir"];
    const bundled = await runLogged(path.join(DIST, "cli/main.js"), [...review, path.join(tmp, "cache-bundled")]);
    const unbundled = await runLogged(unbundledMain, [...review, path.join(tmp, "cache-unbundled")]);
    expect(spawned(bundled)).toEqual([BUNDLED_WORKER]);
    expect(untimed(bundled)).toEqual(untimed(unbundled));
  });

  it("resolves tsconfig paths and workspace packages with its inlined resolver, none of it from node_modules, as the compiled worker does", async () => {
    // The head's two new edges exist only when resolved: `@infra/*` by the tsconfig's paths, `@layered/shared` (imported
    // by src/domain/user.ts at base) by its workspace alias, which closes a cycle through packages/shared/src/owner.ts.
    const aliased = await SampleRepository.create(DEMO_SAMPLE_DIR);
    try {
      const aliasedBase = await aliased.commit("base");
      await aliased.write("src/domain/aliased-shortcut.ts", 'import { MemoryUserRepository } from "@infra/memory-user-repository.js";\nexport const r = new MemoryUserRepository();\n');
      await aliased.write("packages/shared/src/owner.ts", 'import { createUser } from "../../../src/domain/user.js";\nexport const owner = createUser;\n');
      await aliased.write("packages/shared/src/index.ts", `${readFileSync(path.join(DEMO_SAMPLE_DIR, "packages/shared/src/index.ts"), "utf8")}export * from "./owner.js";\n`);
      const aliasedHead = await aliased.commit("aliased imports");
      const review = ["review", "--repo", aliased.dir, "--base", aliasedBase, "--head", aliasedHead, "--format", "json"];
      // Cold, then warm: the base graph from a folder seeded by a review of the base alone, the head's derived from it.
      for (const side of ["bundled", "unbundled"]) {
        const main = side === "bundled" ? path.join(DIST, "cli/main.js") : unbundledMain;
        const seed = await runLogged(main, ["review", "--repo", aliased.dir, "--base", aliasedBase, "--head", aliasedBase, "--format", "json", "--cache-dir", path.join(tmp, `aliased-${side}`)]);
        expect(untimed(seed)).toBeDefined();
      }
      for (const cache of [["--no-cache"], ["--cache-dir", path.join(tmp, "aliased-bundled")]]) {
        const bundled = await runLogged(path.join(DIST, "cli/main.js"), [...review, ...cache]);
        const unbundled = await runLogged(unbundledMain, [...review, ...cache.map((a) => a.replace("aliased-bundled", "aliased-unbundled"))]);
        expect(spawned(bundled)).toEqual([BUNDLED_WORKER]);
        expect(bundled.events.filter((e) => RESOLVER_PACKAGE_URL.test(e))).toEqual([]);
        // The hook sees them when they are loaded: the compiled worker's resolver comes from node_modules.
        expect(unbundled.events.filter((e) => RESOLVER_PACKAGE_URL.test(e)).length).toBeGreaterThan(0);
        const result = untimed(bundled) as { newViolations: { from: string; to: string }[]; newCycles: { modules: string[] }[] };
        expect(result).toEqual(untimed(unbundled));
        expect(result.newViolations).toEqual([expect.objectContaining({ from: "src/domain/aliased-shortcut.ts", to: "src/infrastructure/memory-user-repository.ts" })]);
        expect(result.newCycles.map((c) => [...c.modules].sort())).toEqual([["packages/shared/src/index.ts", "packages/shared/src/owner.ts", "src/domain/user.ts"]]);
      }
    } finally {
      await aliased.dispose();
    }
  });

  it("runs dependency-cruiser's rules (its internals from the bundle's copy) from its own code cache as the compiled worker does", async () => {
    const ruled = await SampleRepository.create(DEMO_SAMPLE_DIR);
    try {
      const forbidden = [{ name: "domain-not-to-infrastructure", severity: "error", from: { path: "^src/domain" }, to: { path: "^src/infrastructure" } }];
      await ruled.write(".dependency-cruiser.json", JSON.stringify({ forbidden }));
      const ruledBase = await ruled.commit("base with dependency-cruiser rules");
      await ruled.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = new MemoryUserRepository();\n');
      const ruledHead = await ruled.commit("shortcut");
      const review = (dir: string) => ["review", "--repo", ruled.dir, "--base", ruledBase, "--head", ruledHead, "--format", "json", "--cache-dir", path.join(tmp, dir)];
      const bundleCaches = () => readdirSync(path.join(tmp, "ruled-bundled")).filter((n) => /^review-worker-[0-9a-f]{32}\.v8cache$/.test(n));
      // The first review compiles the bundle and writes its code cache; the second runs from it (accepted: not written again).
      const first = await runLogged(path.join(DIST, "cli/main.js"), review("ruled-bundled"));
      const [cacheFile] = bundleCaches();
      if (cacheFile === undefined) throw new Error("no code cache of the worker bundle was written");
      const writtenAt = statSync(path.join(tmp, "ruled-bundled", cacheFile)).mtimeMs;
      const second = await runLogged(path.join(DIST, "cli/main.js"), review("ruled-bundled"));
      expect(bundleCaches()).toEqual([cacheFile]);
      expect(statSync(path.join(tmp, "ruled-bundled", cacheFile)).mtimeMs).toBe(writtenAt);
      const unbundledFirst = await runLogged(unbundledMain, review("ruled-unbundled"));
      const unbundledSecond = await runLogged(unbundledMain, review("ruled-unbundled"));
      expect(spawned(second)).toEqual([BUNDLED_WORKER]);
      // dependency-cruiser's internals and schema come from the bundle's copy: no module of its src/ is loaded by the
      // bundled worker (the main thread loads none either), while the compiled worker imports them from node_modules.
      const depcruiseSources = (run: LoggedRun) => run.events.filter((e) => /^load file:.*\/node_modules\/dependency-cruiser\/src\//.test(e));
      expect(depcruiseSources(first)).toEqual([]);
      expect(depcruiseSources(second)).toEqual([]);
      expect(depcruiseSources(unbundledSecond).length).toBeGreaterThan(0);
      expect(untimed(first)).toEqual(untimed(unbundledFirst));
      expect(untimed(second)).toEqual(untimed(unbundledSecond));
      const violations = (untimed(second) as { newViolations: { rule?: string; from: string }[] }).newViolations;
      expect(violations).toEqual(expect.arrayContaining([expect.objectContaining({ from: "src/domain/shortcut.ts", rule: "domain-not-to-infrastructure" })]));
    } finally {
      await ruled.dispose();
    }
  });

  it("is spawned for a review or a check before the rest of the CLI (cli/run.js) loads", async () => {
    const runJs = `load ${pathToFileURL(path.join(DIST, "cli/run.js")).href}`;
    const commands = [
      ["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "json", "--no-cache"],
      ["check", "--repo", repo.dir, "--rev", head, "--format", "json", "--no-cache"],
    ];
    for (const args of commands) {
      const run = await runLogged(path.join(DIST, "cli/main.js"), args);
      expect(untimed(run)).toBeDefined();
      const spawnAt = run.events.indexOf(`spawn ${BUNDLED_WORKER}`);
      expect(spawnAt).toBeGreaterThan(-1);
      expect(run.events.indexOf(runJs)).toBeGreaterThan(spawnAt);
    }
  });

  it("is never spawned for --help, --version or a usage error", async () => {
    for (const args of [["--help"], ["--version"], ["review", "--base", base, "--fromat", "json"], ["review", "--repo", repo.dir]]) {
      const run = await runLogged(path.join(DIST, "cli/main.js"), args);
      expect(spawned(run)).toEqual([]);
    }
  });
});
