// Runs the real CLI in-process against throw-away git repositories built from test/fixtures.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/run.js";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import type { Review } from "../../src/core/model.js";

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env: {},
    today: "2026-11-20",
  });
  return { code, stdout, stderr };
}

/** Reviews without the graph cache unless `extra` names one (tests must not write to the user's cache). */
export async function reviewJson(repo: SampleRepository, base: string, head: string, extra: string[] = []): Promise<{ code: number; review: Review; stderr: string }> {
  const cache = extra.includes("--cache-dir") ? [] : ["--no-cache"];
  const run = await cli(["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "json", ...cache, ...extra], repo.dir);
  if (run.code === 2) throw new Error(`archreview failed: ${run.stderr}`);
  return { code: run.code, review: JSON.parse(run.stdout) as Review, stderr: run.stderr };
}

/** A repository holding the `layered` fixture as its first commit. */
export async function layeredRepo(): Promise<{ repo: SampleRepository; base: string }> {
  const repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  const base = await repo.commit("base");
  return { repo, base };
}
