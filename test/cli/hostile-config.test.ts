// A base config with an unsafe rule pattern ends the CLI at once with exit 2 and the rule named (issue 16, Why 3 and 9).
import { afterEach, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { cli, layeredRepo } from "./harness.js";

let repo: SampleRepository | undefined;
afterEach(async () => repo?.dispose());

const UNSAFE_RULE = 'forbidden:\n  - name: no-foo\n    from: { path: "(a|aa)+$" }\n    to: {}\n';

describe("archreview review: unsafe patterns in the base config", () => {
  it("exits 2 naming the rule, the key and why, instead of running the pattern", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write(".github/archreview.yml", UNSAFE_RULE);
    const base = await repo.commit("unsafe rule");
    const run = await cli(["review", "--repo", repo.dir, "--base", base, "--head", base, "--no-cache"], repo.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.github/archreview.yml:3:19: forbidden[0].from.path: rule "no-foo": "(a|aa)+$" is an unsafe regular expression');
    expect(run.stderr).not.toMatch(/internal/i);
    expect(run.stdout).toBe("");
  });

  it("exits 2 naming the boundary for a brace bomb, with the glob clipped", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write(".github/archreview.yml", `boundaries:\n  bomb: "${"{a,aa}".repeat(40)}"\n`);
    const base = await repo.commit("brace bomb");
    const run = await cli(["review", "--repo", repo.dir, "--base", base, "--head", base, "--no-cache"], repo.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/boundaries\.bomb: glob ".*…" expands to more than 1,024 alternatives/);
    expect(run.stderr.length).toBeLessThan(500);
  });
});
