// The CLI judges a head that makes the review impossible as the App does: a tsconfig that
// extends itself at the head exits 1 (the change fails) with the reason on stderr; the same
// tsconfig at the base is a configuration error (exit 2). Never "internal error: Maximum call stack".
import { afterEach, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { cli, layeredRepo } from "./harness.js";

let repo: SampleRepository | undefined;
afterEach(async () => repo?.dispose());

const SELF_EXTENDING = JSON.stringify({ extends: "./tsconfig", compilerOptions: { baseUrl: ".", paths: { "@domain/*": ["src/domain/*"] } } });

describe("archreview review: a head that breaks the review", () => {
  it("exits 1 naming tsconfig.json when only the head's tsconfig extends itself", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("tsconfig.json", SELF_EXTENDING);
    const head = await repo.commit("self-extending tsconfig");
    const run = await cli(["review", "--repo", repo.dir, "--base", r.base, "--head", head, "--no-cache"], repo.dir);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: "" });
    expect(run.stderr).toContain("archreview: the head fails the review: Circular tsconfig extends. This change makes `tsconfig.json` unusable");
    expect(run.stderr).not.toMatch(/internal error|call stack/i);
  });

  it("exits 2 with a configuration error when the base has the same loop", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("tsconfig.json", SELF_EXTENDING);
    const broken = await repo.commit("self-extending tsconfig at base");
    await repo.write("src/domain/money.ts", "export type Money = number;\n");
    const head = await repo.commit("harmless");
    const run = await cli(["review", "--repo", repo.dir, "--base", broken, "--head", head, "--no-cache"], repo.dir);
    expect(run.code).toBe(2);
    // Progress lines may come first on a slow machine: the verdict is the last line.
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe("archreview: tsconfig.json extends itself (the base has it: a configuration error, not this change's)");
  });
});
