// `archreview init` reads HEAD from git objects: it writes no temp tree (nor any scratch folder).
// Runs the built executable (npx tsc -p tsconfig.json first) with TMPDIR an empty folder watched for
// any entry made in it, however briefly; the control shows the watcher sees one made during a run.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { FIXTURES } from "./harness.js";
import { useWatchedTmp } from "../helpers/watched-tmp.js";

jest.setTimeout(120_000);
const runWatchingTmp = useWatchedTmp();

let repo: SampleRepository | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

/** `archreview init` with TMPDIR an empty folder watched (test/helpers/watched-tmp.ts). */
const initWatchingTmp = (dir: string, during?: (tmp: string) => void) => runWatchingTmp(["init", "--repo", dir], during);

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
