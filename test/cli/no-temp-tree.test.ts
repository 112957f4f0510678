// The CLI reads both trees from git objects: nothing is written to a temp tree for a review,
// dependency-cruiser's rules included (they are judged on our own graph). Runs the built executable
// (npx tsc -p tsconfig.json first) with TMPDIR pointed at an empty folder watched for any entry made
// in it, however briefly; a control run shows the watcher sees a file made there during a review.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, watch, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { layeredRepo } from "./harness.js";

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

/** Runs a review with TMPDIR an empty folder; every name created in it while the review runs. `during(tmp)`: run once the review has started. */
async function reviewWatchingTmp(base: string, head: string, during?: (tmp: string) => void): Promise<{ code: number | null; stdout: string; created: string[]; left: string[] }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -p tsconfig.json first`);
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-empty-tmp-"));
  const watched = tmp;
  const created: string[] = [];
  const watcher = watch(watched, (_event, name) => void created.push(String(name)));
  const dir = (repo as SampleRepository).dir;
  const args = ["review", "--repo", dir, "--base", base, "--head", head, "--format", "json", "--no-cache"];
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, TMPDIR: watched, NODE_OPTIONS: "" } });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  during?.(watched);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  // fs.watch reports asynchronously: one more turn of the event loop for the last events.
  await new Promise((resolve) => setTimeout(resolve, 50));
  watcher.close();
  return { code, stdout, created, left: readdirSync(watched) };
}

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
