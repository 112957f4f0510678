// The CLI reads both trees from git objects: nothing is written to a temp tree for a review,
// dependency-cruiser's rules included (they are judged on our own graph). Runs the built executable
// (npx tsc -p tsconfig.json first) with TMPDIR pointed at an empty folder watched for any entry made
// in it, however briefly; a control run shows the watcher sees a file made there during a review.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { layeredRepo } from "./harness.js";
import { useWatchedTmp } from "../helpers/watched-tmp.js";

jest.setTimeout(120_000);
const runWatchingTmp = useWatchedTmp();

let repo: SampleRepository | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

/** A review with TMPDIR an empty folder watched (test/helpers/watched-tmp.ts). */
const reviewWatchingTmp = (base: string, head: string, during?: (tmp: string) => void) =>
  runWatchingTmp(["review", "--repo", (repo as SampleRepository).dir, "--base", base, "--head", head, "--format", "json", "--no-cache"], during);

describe("archreview review: no temp tree", () => {
  it("creates nothing in an empty TMPDIR while it reviews a fixture repository", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/extra.ts", 'import { newId } from "@layered/shared";\nexport const id = newId("x");\n');
    const head = await repo.commit("a new module");
    const { code, stdout, created, left } = await reviewWatchingTmp(r.base, head);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { head: string; edgesAdded: unknown[] }).edgesAdded).toEqual([{ from: "src/domain/extra.ts", to: "packages/shared/src/index.ts" }]);
    expect(created).toEqual([]);
    expect(left).toEqual([]);
  });

  it("creates nothing either when dependency-cruiser's rules judge the change, and finds their violation", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    const rules = { forbidden: [{ name: "no-domain-to-infra", severity: "warn", from: { path: "^src/domain" }, to: { path: "^src/infrastructure" } }] };
    await repo.write(".dependency-cruiser.json", JSON.stringify(rules));
    const base = await repo.commit("rules");
    await repo.write("src/domain/extra.ts", 'export { MemoryUserRepository } from "../infrastructure/memory-user-repository";\n');
    const head = await repo.commit("a domain module importing the infrastructure");
    const { stdout, created, left } = await reviewWatchingTmp(base, head);
    const violations = (JSON.parse(stdout) as { newViolations: { kind: string; rule: string; from: string; to: string }[] }).newViolations;
    expect(violations.filter((v) => v.kind === "forbidden").map((v) => [v.rule, v.from, v.to])).toEqual([["no-domain-to-infra", "src/domain/extra.ts", "src/infrastructure/memory-user-repository.ts"]]);
    expect(created).toEqual([]);
    expect(left).toEqual([]);
  });

  it("control: the watcher does see a file made in TMPDIR while a review runs", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/extra.ts", "export const id = 1;\n");
    const head = await repo.commit("a new module");
    const { code, created, left } = await reviewWatchingTmp(r.base, head, (tmp) => writeFileSync(path.join(tmp, "made-by-the-test"), "x"));
    expect(code).toBe(0);
    expect([...new Set(created)]).toEqual(["made-by-the-test"]);
    expect(left).toEqual(["made-by-the-test"]);
  });
});
