// What archreview cannot judge is said, once, instead of silently never matching: a rule using
// `license` / `licenseNot` (nothing is installed), and each graph option it does not apply that is
// set to a value other than dependency-cruiser's default. Notices reach the JSON, the comment (and
// the check summary, which is the comment's markdown) and the terminal.
import { afterEach, describe, expect, it } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { cli, reviewJson } from "./harness.js";

let repo: SampleRepository | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

const CONFIG = {
  forbidden: [
    { name: "no-gpl", severity: "error", from: {}, to: { license: "GPL" } },
    { name: "only-mit", severity: "warn", from: { path: "^src" }, to: { dependencyTypes: ["npm"], licenseNot: "MIT" } },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    maxDepth: 2,
    moduleSystems: ["es6", "cjs"],
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ["exports"] },
    extraExtensionsToScan: [".vue"],
    preserveSymlinks: false, // the default: nothing to say
    knownViolations: [],
  },
};

describe("dependency-cruiser configuration archreview cannot judge", () => {
  it("gives one notice per license rule and per unapplied option set to a non-default value", async () => {
    repo = await SampleRepository.create();
    await repo.write(".dependency-cruiser.json", JSON.stringify(CONFIG, null, 2));
    await repo.write("src/a.ts", "export const a = 1;\n");
    const base = await repo.commit("base");
    await repo.write("src/b.ts", 'import { a } from "./a";\nexport const b = a;\n');
    const head = await repo.commit("head");
    const { review } = await reviewJson(repo, base, head);
    const about = (text: string): string[] => review.notices.filter((n) => n.includes(text));
    expect(about("rule `no-gpl` never matches")).toHaveLength(1);
    expect(about("rule `no-gpl` never matches")[0]).toMatch(/^\.dependency-cruiser\.json:\d+:\d+: forbidden\[0\]\.to\.license: .*does not install/);
    expect(about("rule `only-mit` never matches")[0]).toContain("`licenseNot`");
    expect(about("no-circular")).toEqual([]);
    for (const option of ["maxDepth", "moduleSystems", "combinedDependencies", "enhancedResolveOptions", "extraExtensionsToScan", "knownViolations"]) {
      expect([option, about(`options.${option}: not applied`).length]).toEqual([option, 1]);
    }
    expect(about("options.preserveSymlinks")).toEqual([]);
    const markdown = await cli(["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "markdown", "--no-cache"], repo.dir);
    expect(markdown.stdout).toContain("rule `no-gpl` never matches");
    const text = await cli(["review", "--repo", repo.dir, "--base", base, "--head", head, "--no-cache"], repo.dir);
    expect(text.stdout + text.stderr).toContain("options.maxDepth: not applied");
  }, 60_000);
});
