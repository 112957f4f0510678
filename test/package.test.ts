// The installable package: `npm pack` of the built dist, installed into an empty project offline,
// then `npx archreview review` on a small git repository with a layer violation. Needs `npm run build`
// first (`npm test` runs it as pretest).
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { access, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../src/cli/sample-repo.js";
import { run, writeConsumerProject } from "./package-install.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let work: string;
let tarball: string;
let packed: string[];
let consumer: string;

beforeAll(async () => {
  await access(path.join(ROOT, "dist/cli/main.js")).catch(() => {
    throw new Error("dist/ is not built: run `npm run build` (npm test does) before this test");
  });
  work = await mkdtemp(path.join(os.tmpdir(), "archreview-package-"));
  // --ignore-scripts: pack the dist just built, without `prepare` building it again.
  const pack = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, info!.filename);
  packed = info!.files.map((f) => f.path);
  consumer = path.join(work, "consumer");
  await mkdir(consumer);
  await writeConsumerProject(consumer, tarball, ROOT);
  // From the npm cache; the registry only for package metadata the cache lacks (npm keeps no
  // packument for an install whose lockfile omits `resolved`, and a later online install may
  // replace the one it has): the tarball itself is always our local one.
  const install = await run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], consumer);
  if (install.code !== 0) throw new Error(`offline install failed: ${install.stderr}`);
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("packs the built CLI, the schema and the README, and no sources or tests", async () => {
    expect(packed).toEqual(expect.arrayContaining(["package.json", "README.md", "dist/cli/main.js", "dist/index.d.ts", "dist/report/sarif.js", "docs/archreview.schema.json"]));
    expect(packed.filter((f) => /^(src|test|bench|\.ci|\.github)\//.test(f))).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(consumer, "node_modules/archreview/package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ archreview: "dist/cli/main.js" });
    expect(Object.keys(manifest.dependencies as object)).not.toContain("ts-morph");
    expect((await readFile(path.join(consumer, "node_modules/archreview/dist/cli/main.js"), "utf8")).startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("runs `npx archreview review` from the installed package and reports a layer violation", async () => {
    const repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
    try {
      const base = await repo.commit("a layered application");
      await repo.write("src/domain/leak.ts", `import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n`);
      await repo.commit("the domain reaches into infrastructure");
      const review = await run("npx", ["--offline", "archreview", "review", "--repo", repo.dir, "--base", base, "--no-cache"], consumer);
      expect(review.code).toBe(1);
      expect(review.stdout).toContain("1 new boundary violation");
      expect(review.stdout).toMatch(/error {2}src\/domain\/leak\.ts:1 → src\/infrastructure\/memory-user-repository\.ts {2}\(domain-not-to-infrastructure\)/);
      const help = await run("npx", ["--offline", "archreview", "--help"], consumer);
      expect(help.stdout).toMatch(/^  init  /m);
    } finally {
      await repo.dispose();
    }
  }, 120_000);

  it("exposes renderSarif, the config parser and the schema through its exports", async () => {
    const script = [
      'const sarif = await import("archreview/sarif");',
      'const config = await import("archreview/config");',
      'const { createRequire } = await import("node:module");',
      'const schema = createRequire(process.cwd() + "/")("archreview/schema.json");',
      'console.log(typeof sarif.renderSarif, config.parseConfig("cycles: off\\n", "x.yml").ok, schema.title);',
    ].join("\n");
    const out = await run("node", ["--input-type=module", "-e", script], consumer);
    expect(out.stderr).toBe("");
    expect(out.stdout.trim()).toBe("function true archreview configuration (.github/archreview.yml)");
  }, 60_000);
});
