// `archreview check` (issue 14 item 2): one revision judged by its own configuration, no diff:
// every violation, cycle and limit breach present there, grouped by rule with counts, and each
// boundary's module count; worded as present, never as new.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { cli, layeredRepo } from "./harness.js";

let repo: SampleRepository;
let clean: string;
let broken: string;

beforeAll(async () => {
  const r = await layeredRepo();
  repo = r.repo;
  clean = r.base;
  // A violation, a cycle and an oversized file, committed: check must find all three at `broken`.
  await repo.write("src/domain/order.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nimport { createUser } from "./user.js";\nexport const repo = () => new MemoryUserRepository();\nexport const guest = () => createUser("g@example.com");\n');
  await repo.write("src/domain/user.ts", `import { guest } from "./order.js";\nexport const g = guest;\nexport function createUser(email: string) {\n  return { email };\n}\n${Array.from({ length: 40 }, (_, i) => `export const c${i} = ${i};`).join("\n")}\n`);
  broken = await repo.commit("three problems");
});
afterAll(async () => repo.dispose());

interface CheckJson {
  rev: string;
  sha: string;
  counts: { errors: number; warnings: number };
  rules: { rule: string; severity: string; count: number }[];
  boundaries: Record<string, number>;
  findings: { kind: string; status: string; file: string }[];
}

describe("archreview check", () => {
  it("lists what the rules flag at a revision, by rule with counts, and each boundary's module count", async () => {
    const run = await cli(["check", "--repo", repo.dir, "--rev", broken, "--format", "json", "--no-cache"], repo.dir);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as CheckJson;
    expect(result.sha).toBe(broken);
    expect(result.rules).toEqual([
      { rule: "domain-not-to-infrastructure", severity: "error", count: 1 },
      { rule: "no-cycles", severity: "error", count: 1 },
      { rule: "max-file-lines", severity: "warn", count: 1 },
    ]);
    expect(result.counts).toEqual({ errors: 2, warnings: 1 });
    expect(result.boundaries).toEqual({ domain: 2, application: 2, infrastructure: 1, shared: 1 });
    expect(result.findings.map((f) => `${f.kind} ${f.file}`).sort()).toEqual(["boundary src/domain/order.ts", "cycle src/domain/order.ts", "oversized-file src/domain/user.ts"].sort());
  });

  it("words the terminal output as present at the revision, not as new", async () => {
    const run = await cli(["check", "--repo", repo.dir, "--rev", "HEAD", "--no-cache"], repo.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^archreview check: 2 errors, 1 warning present at HEAD \([0-9a-f]{7}\)\n\nBy rule\n/);
    expect(run.stdout).toContain("  error  domain-not-to-infrastructure  1\n");
    expect(run.stdout).toContain("Boundaries (source modules)\n  domain          2\n  application     2\n  infrastructure  1\n  shared          1\n");
    expect(run.stdout).toContain("max-file-lines (1)\n  src/domain/user.ts  45 lines  (limit 40)\n");
    expect(run.stdout).toContain("domain-not-to-infrastructure (1)\n  the domain stays free of use cases and I/O\n  src/domain/order.ts:1 → src/infrastructure/memory-user-repository.ts");
    expect(run.stdout).not.toMatch(/\bnew\b/);
  });

  it("says nothing is flagged at a clean revision and exits 0; markdown has the same tallies", async () => {
    const run = await cli(["check", "--repo", repo.dir, "--rev", clean, "--no-cache"], repo.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`archreview check: nothing flagged at ${clean} (${clean.slice(0, 7)})`);
    const markdown = await cli(["check", "--repo", repo.dir, "--rev", broken, "--format", "markdown", "--no-cache"], repo.dir);
    expect(markdown.stdout).toContain("| error | no-cycles | 1 |");
    expect(markdown.stdout).toContain("| domain | 2 |");
  });

  it("leaves out files the revision's .gitattributes marks generated from size checks", async () => {
    await repo.write(".gitattributes", "src/domain/user.ts linguist-generated\n");
    const marked = await repo.commit("user.ts is generated");
    const run = await cli(["check", "--repo", repo.dir, "--rev", marked, "--format", "json", "--no-cache"], repo.dir);
    expect((JSON.parse(run.stdout) as CheckJson).rules.map((r) => r.rule)).toEqual(["domain-not-to-infrastructure", "no-cycles"]);
  });

  it("judges by the revision's own configuration", async () => {
    const config = ".github/archreview.yml";
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(`${repo.dir}/${config}`, "utf8");
    await repo.write(config, text.replace("cycles: error", "cycles: off"));
    const noCycles = await repo.commit("cycles off");
    const run = await cli(["check", "--repo", repo.dir, "--rev", noCycles, "--format", "json", "--no-cache"], repo.dir);
    // Built on the previous commit: user.ts is generated there, so only the boundary rule is left.
    expect((JSON.parse(run.stdout) as CheckJson).rules.map((r) => r.rule)).toEqual(["domain-not-to-infrastructure"]);
  });
});
