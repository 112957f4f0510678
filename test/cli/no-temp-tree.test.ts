// The CLI reads both trees from git objects: nothing is written to a temp tree for a review. Only
// dependency-cruiser's own rules (it reads files itself) still need the trees on disk.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { runCli, type CliIO } from "../../src/cli/run.js";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { layeredRepo } from "./harness.js";

let repo: SampleRepository | undefined;
let tmp: string | undefined;
const savedTmpdir = process.env.TMPDIR;
afterEach(async () => {
  await repo?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  repo = undefined;
  tmp = undefined;
});

/** Runs a review with TMPDIR pointed at an empty directory; returns its listing at every stage of the review. */
async function reviewWatchingTmp(base: string, head: string): Promise<{ code: number; stderr: string; listings: string[][] }> {
  tmp = await mkdtemp(path.join(os.tmpdir(), "archreview-empty-tmp-"));
  const watched = tmp;
  process.env.TMPDIR = watched;
  expect(os.tmpdir()).toBe(watched);
  const listings: string[][] = [];
  const look = (): void => void listings.push(readdirSync(watched));
  const analyse: CliIO["analyse"] = async (request, _limits, onProgress) => {
    look();
    const { reviewTrees } = await import("../../src/engine/index.js");
    const outcome = await reviewTrees({ ...request, onProgress: (stage) => (look(), onProgress(stage)) });
    look();
    return outcome;
  };
  let stderr = "";
  const dir = (repo as SampleRepository).dir;
  const code = await runCli(["review", "--repo", dir, "--base", base, "--head", head, "--format", "json", "--no-cache"], {
    stdout: { write: () => true },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: dir,
    env: {},
    today: "2026-12-04",
    analyse,
  });
  look();
  return { code, stderr, listings };
}

describe("archreview review: no temp tree", () => {
  it("leaves an empty TMPDIR empty during the whole review of a fixture repository", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/extra.ts", 'import { newId } from "@layered/shared";\nexport const id = newId("x");\n');
    const head = await repo.commit("a new module");
    const { code, stderr, listings } = await reviewWatchingTmp(r.base, head);
    expect(stderr).not.toContain("archreview:");
    expect(code).toBe(0);
    expect(listings.length).toBeGreaterThanOrEqual(4); // before, at each stage, after
    expect(listings.every((l) => l.length === 0)).toBe(true);
  });

  it("still writes the trees to a scratch folder in TMPDIR when dependency-cruiser's rules judge them (the watcher sees it)", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write(".dependency-cruiser.json", JSON.stringify({ forbidden: [{ name: "no-domain-to-infra", severity: "error", from: { path: "^src/domain" }, to: { path: "^src/infrastructure" } }] }));
    const base = await repo.commit("rules");
    await repo.write("src/domain/extra.ts", "export const id = 1;\n");
    const head = await repo.commit("a new module");
    const { code, listings } = await reviewWatchingTmp(base, head);
    expect(code).toBe(0);
    expect(listings[0]?.filter((name) => name.startsWith("archreview-"))).toHaveLength(1);
    expect(listings.at(-1)).toEqual([]); // removed after the review
  });
});
