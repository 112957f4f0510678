// Our edgesAdded/edgesRemoved must equal what dependency-cruiser's own CLI reports for the same trees.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import type { EdgeRef } from "../../src/core/model.js";
import { layeredRepo, reviewJson } from "./harness.js";

const DEPCRUISE = path.resolve("node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
let repo: SampleRepository | undefined;
let scratch: string | undefined;
afterEach(async () => {
  await repo?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface CliModule {
  source: string;
  dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean }[];
}

/** Edges between files of the tree, as `depcruise --output-type json` reports them for one commit. */
function depcruiseEdges(repoDir: string, sha: string): Set<string> {
  const dir = path.join(scratch as string, sha);
  execFileSync("git", ["worktree", "add", "--detach", dir, sha], { cwd: repoDir, stdio: "ignore" });
  const out = execFileSync(process.execPath, [DEPCRUISE, "src", "packages", "--no-config", "--ts-config", "tsconfig.json", "--ts-pre-compilation-deps", "--output-type", "json"], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  const modules = (JSON.parse(out.toString()) as { modules: CliModule[] }).modules;
  const files = new Set(modules.map((m) => m.source));
  const edges = new Set<string>();
  for (const m of modules) {
    for (const d of m.dependencies) if (!d.coreModule && !d.couldNotResolve && files.has(d.resolved) && !d.resolved.includes("node_modules")) edges.add(`${m.source} -> ${d.resolved}`);
  }
  return edges;
}

const asSet = (edges: EdgeRef[]): Set<string> => new Set(edges.map((e) => `${e.from} -> ${e.to}`));
const minus = (a: Set<string>, b: Set<string>): Set<string> => new Set([...a].filter((x) => !b.has(x)));

describe("parity with dependency-cruiser's CLI", () => {
  it("reports the same added and removed edges for the same two trees", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    scratch = mkdtempSync(path.join(os.tmpdir(), "archreview-parity-"));
    await repo.write("src/application/bootstrap.ts", [
      'import { MemoryUserRepository } from "@infra/memory-user-repository.js";',
      'import type { Order } from "@domain/order.js";',
      'export * from "./register-user.js";',
      'const ports = require("./ports.js");',
      'export const later = () => import("../main.js");',
      "export const make = (o?: Order) => [new MemoryUserRepository(), ports, o];",
      "",
    ].join("\n"));
    await repo.write("src/infrastructure/memory-user-repository.ts", 'import type { User } from "../domain/user.js";\nexport class MemoryUserRepository {\n  users: User[] = [];\n}\n');
    await repo.remove("src/domain/order.ts");
    await repo.write("src/domain/order.ts", "export interface Order {\n  id: string;\n}\n");
    const head = await repo.commit("rewire");
    const { review } = await reviewJson(repo, r.base, head);

    const before = depcruiseEdges(repo.dir, r.base);
    const after = depcruiseEdges(repo.dir, head);
    expect(asSet(review.edgesAdded)).toEqual(minus(after, before));
    expect(asSet(review.edgesRemoved)).toEqual(minus(before, after));
    expect(review.edgesAdded.length).toBeGreaterThanOrEqual(5);
    expect(review.edgesRemoved.length).toBeGreaterThanOrEqual(2);
  });
});
