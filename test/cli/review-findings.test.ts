import { afterEach, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { cli, layeredRepo, reviewJson } from "./harness.js";

let repo: SampleRepository | undefined;
afterEach(async () => repo?.dispose());

describe("archreview review: cycles and sizes", () => {
  it("finds a new cycle in cycle order and handles a type-only cycle per config", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/order.ts", 'import { createUser } from "./user.js";\nexport const guest = () => createUser("guest@example.com");\nexport type Total = number;\n');
    await repo.write("src/domain/user.ts", 'import { guest } from "./order.js";\nimport type { Total } from "./order.js";\nexport function createUser(email: string) {\n  return { email, total: 0 as Total };\n}\nexport const g = guest;\n');
    const head = await repo.commit("user <-> order");
    const { review } = await reviewJson(repo, r.base, head);
    expect(review.newCycles).toEqual([expect.objectContaining({ modules: ["src/domain/user.ts", "src/domain/order.ts"], severity: "error", typeOnly: false })]);

    await repo.write("src/domain/user.ts", 'import type { Total } from "./order.js";\nexport function createUser(email: string) {\n  return { email, total: 0 as Total };\n}\n');
    const typeOnly = await repo.commit("only a type import back");
    const ignored = await reviewJson(repo, r.base, typeOnly);
    expect(ignored.review.newCycles).toEqual([]);
    await repo.write(".github/archreview.counting-types.yml", "cycles: { severity: warn, includeTypeOnly: true }\n");
    const counted = await reviewJson(repo, r.base, typeOnly, ["--config", `${repo.dir}/.github/archreview.counting-types.yml`]);
    expect(counted.review.newCycles).toEqual([expect.objectContaining({ severity: "warn", typeOnly: true })]);
    expect(counted.code).toBe(0);
  });

  it("reports a file grown past the line limit with base and head sizes, and complex functions", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    const branches = Array.from({ length: 8 }, (_, i) => `  if (n === ${i}) return "${i}";`).join("\n");
    const padding = Array.from({ length: 30 }, (_, i) => `export const c${i} = ${i};`).join("\n");
    await repo.write("src/domain/order.ts", `${padding}\nexport function label(n: number): string {\n${branches}\n  return "many";\n}\n`);
    const head = await repo.commit("grow order.ts");
    const { code, review } = await reviewJson(repo, r.base, head);
    expect(review.oversizedFiles).toEqual([{ file: "src/domain/order.ts", lines: 41, limit: 40, baseLines: 11, severity: "warn" }]);
    expect(review.complexFunctions).toEqual([{ file: "src/domain/order.ts", name: "label", displayName: "label", line: 31, baseLine: null, complexity: 9, limit: 5, baseComplexity: null, severity: "warn" }]);
    expect(code).toBe(0); // size findings warn by default
  });
});

describe("archreview review: boundary changes and ADR stubs", () => {
  it("writes an ADR stub numbered after the existing records when a boundary dependency appears", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/infrastructure/clock.ts", 'import { newId } from "@layered/shared";\nexport const stamp = () => newId("t");\n');
    const head = await repo.commit("infrastructure uses shared");
    const { review } = await reviewJson(repo, r.base, head);
    expect(review.boundaryChanges).toEqual([
      { kind: "new-dependency", from: "infrastructure", to: "shared", imports: [{ from: "src/infrastructure/clock.ts", to: "packages/shared/src/index.ts", line: 1 }] },
    ]);
    expect(review.adr?.path).toBe("docs/adr/0008-allow-infrastructure-to-depend-on-shared.md");
    expect(review.adr?.markdown).toContain("Proposed");
    expect(review.adr?.markdown).toContain("src/infrastructure/clock.ts");
  });

  it("proposes no stub when the change adds its own record naming the boundaries, and one when its record names only one of them", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/infrastructure/clock.ts", 'import { newId } from "@layered/shared";\nexport const stamp = () => newId("t");\n');
    await repo.write("docs/adr/0008-clock-ids.md", "# 8. Clock ids\n\nStatus: accepted\n\nThe `infrastructure` layer may use the common id helpers.\n");
    const partial = await repo.commit("infrastructure uses shared, a record naming one side");
    const named = await reviewJson(repo, r.base, partial);
    expect(named.review.boundaryChanges).toEqual([expect.objectContaining({ kind: "new-dependency", from: "infrastructure", to: "shared" })]);
    expect(named.review.adr?.path).toBe("docs/adr/0009-allow-infrastructure-to-depend-on-shared.md");

    await repo.write("docs/adr/0008-clock-ids.md", "# 8. Clock ids\n\nStatus: accepted\n\nThe `infrastructure` layer may use the Shared id helpers.\n");
    const recorded = await repo.commit("the record names both");
    const quiet = await reviewJson(repo, r.base, recorded);
    expect(quiet.review.boundaryChanges).toEqual(named.review.boundaryChanges);
    expect(quiet.review.adr).toBeNull();
  });

  it("reports an edited config as a boundary change but judges with the base's rules", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write(".github/archreview.yml", "boundaries:\n  everything: [\"src/**\"]\n");
    await repo.write("src/domain/user.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = new MemoryUserRepository();\n');
    const head = await repo.commit("loosen the rules and break them");
    const { code, review } = await reviewJson(repo, r.base, head);
    expect(code).toBe(1);
    expect(review.newViolations.map((v) => v.rule)).toContain("domain-not-to-infrastructure");
    expect(review.boundaryChanges).toEqual(
      expect.arrayContaining([{ kind: "config-changed", file: ".github/archreview.yml" }, { kind: "boundary-added", boundary: "everything" }, { kind: "boundary-removed", boundary: "domain" }]),
    );
  });
});

describe("archreview review: configuration errors", () => {
  it("exits 2 naming the file and line of malformed YAML", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write(".github/archreview.yml", "boundaries:\n  domain: [\"src/domain/**\"\nrules: []\n");
    const base = await repo.commit("broken config");
    const run = await cli(["review", "--repo", repo.dir, "--base", base, "--head", base], repo.dir);
    expect(run.code).toBe(2);
    // Progress lines ("reading revisions…") may come first on a slow machine: the error is the last line.
    expect(run.stderr.trimEnd().split("\n").at(-1)).toMatch(/^archreview: \.github\/archreview\.yml:\d+(:\d+)?: /);
    expect(run.stdout).toBe("");
  });

  it("never runs a JavaScript dependency-cruiser config and says so", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.remove(".github/archreview.yml");
    await repo.write(".dependency-cruiser.js", 'require("fs").writeFileSync("pwned", "1");\nmodule.exports = { forbidden: [] };\n');
    const base = await repo.commit("js config only");
    const { review } = await reviewJson(repo, base, base);
    expect(review.notices.join("\n")).toContain("never executes code");
    expect(review.notices.join("\n")).toContain(".dependency-cruiser.js");
    expect((await import("node:fs")).existsSync(`${repo.dir}/pwned`)).toBe(false);
  });

  it("exits 2 with a one-line reason for an unknown revision or a usage error", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    const unknown = await cli(["review", "--repo", repo.dir, "--base", "no-such-branch"], repo.dir);
    expect(unknown).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringContaining('unknown revision "no-such-branch"') }));
    const usage = await cli(["review", "--repo", repo.dir], repo.dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--base is required");
  });
});
