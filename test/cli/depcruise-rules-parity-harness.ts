// One parity scenario: a repository with a base and a head commit and a .dependency-cruiser.json;
// dependency-cruiser's CLI (our dependency) runs on a checkout of each, archreview reviews the
// change, and the test compares archreview's new / resolved violations with the CLI's differences.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import type { Review, Violation } from "../../src/core/model.js";
import { reviewJson } from "./harness.js";

const DEPCRUISE = path.resolve("node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

export interface CliViolation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}

export interface Scenario {
  config: unknown;
  tsconfig?: string;
  /** Files of the base commit (repo paths -> text). */
  base: Record<string, string>;
  /** Changes of the head commit: text, or null to delete. */
  head: Record<string, string | null>;
}

export interface ParityRun {
  review: Review;
  /** The CLI's violations on each commit, `ignore` severity left out. */
  before: CliViolation[];
  after: CliViolation[];
}

export const keyOf = (v: { rule: string; from: string; to: string }): string => `${v.rule}|${v.from}|${v.to}`;
export const cliKey = (v: CliViolation): string => `${v.rule.name}|${v.from}|${v.to}`;
export const minus = (a: Set<string>, b: Set<string>): Set<string> => new Set([...a].filter((x) => !b.has(x)));
export const forbiddenOf = (violations: Violation[]): Violation[] => violations.filter((v) => v.kind === "forbidden");

/** `depcruise src --config .dependency-cruiser.json` on a checkout of `sha` (node_modules linked for `extends` of its presets). */
function depcruise(repoDir: string, scratch: string, sha: string): CliViolation[] {
  const dir = path.join(scratch, sha);
  execFileSync("git", ["worktree", "add", "--detach", dir, sha], { cwd: repoDir, stdio: "ignore" });
  symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"));
  const out = execFileSync(process.execPath, [DEPCRUISE, "src", "--config", ".dependency-cruiser.json", "--ts-config", "tsconfig.json", "--output-type", "json"], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  const violations = (JSON.parse(out.toString()) as { summary: { violations: CliViolation[] } }).summary.violations;
  return violations.filter((v) => v.rule.severity !== "ignore");
}

/** Builds the repository, runs both sides, cleans up. */
export async function runParity(scenario: Scenario): Promise<ParityRun> {
  const repo = await SampleRepository.create();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "archreview-rules-parity-"));
  try {
    await repo.write(".dependency-cruiser.json", JSON.stringify(scenario.config, null, 2));
    await repo.write("tsconfig.json", scenario.tsconfig ?? '{ "compilerOptions": { "strict": true, "module": "esnext", "moduleResolution": "bundler" } }\n');
    for (const [file, text] of Object.entries(scenario.base)) await repo.write(file, text);
    const base = await repo.commit("base");
    for (const [file, text] of Object.entries(scenario.head)) {
      if (text === null) await repo.remove(file);
      else await repo.write(file, text);
    }
    const head = await repo.commit("head");
    const { review } = await reviewJson(repo, base, head);
    return { review, before: depcruise(repo.dir, scratch, base), after: depcruise(repo.dir, scratch, head) };
  } finally {
    await repo.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The CLI's added and resolved violations, keyed `rule|from|to`, with the cycle of each (names) when it has one. */
export function cliDifferences(run: ParityRun): { added: Set<string>; resolved: Set<string>; cycles: Map<string, string[]> } {
  const before = new Set(run.before.map(cliKey));
  const after = new Set(run.after.map(cliKey));
  const cycles = new Map<string, string[]>();
  for (const v of [...run.before, ...run.after]) if (v.cycle) cycles.set(cliKey(v), v.cycle.map((c) => c.name));
  return { added: minus(after, before), resolved: minus(before, after), cycles };
}

/** archreview's cycles per violation key (new and resolved). */
export function reviewCycles(review: Review): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of forbiddenOf([...review.newViolations, ...review.resolvedViolations])) if (v.cycle) out.set(keyOf(v), v.cycle);
  return out;
}
