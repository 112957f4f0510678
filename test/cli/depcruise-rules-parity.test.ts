// allowed, required and module (orphan, numberOfDependentsLessThan) rules: archreview's new and
// resolved dependency-cruiser violations must be exactly the difference of dependency-cruiser's own
// CLI run with the same .dependency-cruiser.json on the head and on the base.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import type { Violation } from "../../src/core/model.js";
import { reviewJson } from "./harness.js";

const DEPCRUISE = path.resolve("node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
let repo: SampleRepository | undefined;
let scratch: string | undefined;
afterEach(async () => {
  await repo?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const CONFIG = {
  forbidden: [
    { name: "no-orphans", severity: "error", from: { orphan: true, pathNot: "\\.d\\.ts$" }, to: {} },
    { name: "utl-not-shared", severity: "warn", module: { path: "^src/utl/", numberOfDependentsLessThan: 2 }, from: { path: "^src/" } },
  ],
  allowed: [
    { from: { path: "^src/(app|feature)/" }, to: { path: "^src/$1/" } },
    { from: { path: "^src/(app|feature)/" }, to: { path: "^src/utl/" } },
    { from: { path: "^src/app/" }, to: { path: "^src/feature/" } },
  ],
  allowedSeverity: "error",
  required: [{ name: "app-uses-log", severity: "error", module: { path: "^src/app/[^/]+\\.ts$" }, to: { path: "^src/utl/log\\.ts$" } }],
  options: { tsPreCompilationDeps: true, exclude: { path: "^src/generated/" } },
};

interface CliViolation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

/** `rule|from|to` of every reported violation, as `depcruise --config` reports them for one commit. */
function depcruiseViolations(repoDir: string, sha: string): Set<string> {
  const dir = path.join(scratch as string, sha);
  execFileSync("git", ["worktree", "add", "--detach", dir, sha], { cwd: repoDir, stdio: "ignore" });
  const out = execFileSync(process.execPath, [DEPCRUISE, "src", "--config", ".dependency-cruiser.json", "--ts-config", "tsconfig.json", "--output-type", "json"], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  const violations = (JSON.parse(out.toString()) as { summary: { violations: CliViolation[] } }).summary.violations;
  return new Set(violations.filter((v) => v.rule.severity !== "ignore").map((v) => `${v.rule.name}|${v.from}|${v.to}`));
}

const asSet = (violations: Violation[]): Set<string> => new Set(violations.filter((v) => v.kind === "forbidden").map((v) => `${v.rule}|${v.from}|${v.to}`));
const minus = (a: Set<string>, b: Set<string>): Set<string> => new Set([...a].filter((x) => !b.has(x)));

describe("dependency-cruiser rule kinds, parity with its CLI", () => {
  it("reports exactly the allowed, required and module-rule violations dependency-cruiser adds and removes", async () => {
    repo = await SampleRepository.create();
    scratch = mkdtempSync(path.join(os.tmpdir(), "archreview-rules-parity-"));
    await repo.write(".dependency-cruiser.json", JSON.stringify(CONFIG, null, 2));
    await repo.write("tsconfig.json", '{ "compilerOptions": { "strict": true, "module": "esnext", "moduleResolution": "bundler" } }\n');
    await repo.write("src/app/main.ts", 'import { log } from "../utl/log";\nimport { feature } from "../feature/feature";\nexport const main = log(feature);\n');
    await repo.write("src/app/other.ts", 'import { log } from "../utl/log";\nimport { main } from "./main";\nexport const other = log(String(main));\n');
    await repo.write("src/feature/feature.ts", 'import { fmt } from "../utl/fmt";\nexport const feature = fmt("f");\n');
    await repo.write("src/utl/log.ts", "export const log = (s: string): string => s;\n");
    await repo.write("src/utl/fmt.ts", "export const fmt = (s: string): string => s;\n");
    await repo.write("src/generated/client.ts", "export const client = 1;\n");
    await repo.write("src/old.ts", "export const old = 1;\n");
    const base = await repo.commit("base");

    // Head: a new orphan, an import not in `allowed` (feature -> app), an app file without log
    // (required), an excluded orphan, fmt gains a second dependent (module rule resolved), the old orphan is imported.
    await repo.write("src/lonely.ts", "export const lonely = 1;\n");
    // Excluded by options.exclude: an orphan dependency-cruiser never sees.
    await repo.write("src/generated/server.ts", "export const server = 1;\n");
    await repo.write("src/feature/feature.ts", 'import { fmt } from "../utl/fmt";\nimport { main } from "../app/main";\nimport { old } from "../old";\nexport const feature = fmt(String(main) + old);\n');
    await repo.write("src/app/third.ts", 'import { fmt } from "../utl/fmt";\nexport const third = fmt("3");\n');
    const head = await repo.commit("head");

    const { review } = await reviewJson(repo, base, head);
    const before = depcruiseViolations(repo.dir, base);
    const after = depcruiseViolations(repo.dir, head);
    const added = minus(after, before);
    expect(asSet(review.newViolations)).toEqual(added);
    expect(asSet(review.resolvedViolations)).toEqual(minus(before, after));
    // Every kind is exercised: without them the equality above would prove little.
    const rulesAdded = new Set([...added].map((k) => k.split("|")[0]));
    expect(rulesAdded).toEqual(new Set(["no-orphans", "not-in-allowed", "app-uses-log"]));
    expect([...minus(before, after)].map((k) => k.split("|")[0]).sort()).toEqual(["no-orphans", "utl-not-shared"]);
  });
});
