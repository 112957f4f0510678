// `archreview init` end to end on real git repositories: the demo sample and two fixtures. The
// config it writes must hold today (a review of the last commit, and of the whole tree, reports no
// old problem) and must catch a layer violation committed afterwards.
import { afterEach, describe, expect, it } from "@jest/globals";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { EMPTY_TREE, runGit } from "../../src/git/git.js";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { parseConfig } from "../../src/config/parse.js";
import { createBoundaryMatcher } from "../../src/core/boundaries.js";
import { cli, FIXTURES, reviewJson } from "./harness.js";

interface Case {
  name: string;
  template: string;
  /** A benign last commit (HEAD~1..HEAD): a new file importing along a dependency that exists. */
  benign: { file: string; text: string };
  /** What `init` must print and write. */
  boundaries: string[];
  printed: RegExp[];
  written: RegExp[];
}

const CASES: Case[] = [
  {
    name: "the demo sample",
    template: DEMO_SAMPLE_DIR,
    benign: { file: "src/application/find-user.ts", text: `import type { User } from "../domain/user.js";\n\nexport const byEmail = (users: User[], email: string): User | undefined => users.find((u) => u.email === email);\n` },
    boundaries: ["application", "domain", "infrastructure", "shared"],
    printed: [/shared\s+packages\/shared\/\*\*\s+\(1 module; workspace package\)/, /ADR directory: docs\/adr/, /Cycles today: none\./],
    written: [/adr: \{ directory: "docs\/adr" \}/],
  },
  {
    name: "a workspaces monorepo",
    template: path.join(FIXTURES, "init-workspaces"),
    benign: { file: "packages/web/src/footer.ts", text: `import { money } from "@acme/core";\n\nexport const freeShipping = money(0);\n` },
    boundaries: ["api", "core", "web"],
    printed: [/api\s+packages\/api\/\*\*/, /Cycles today: none\./, /ADR directory: none found/],
    written: [/- from: core\n\s+disallow: \[api, web\]/],
  },
  {
    name: "feature folders with layers, an ADR folder and a dependency-cruiser config",
    template: path.join(FIXTURES, "init-layers"),
    benign: { file: "src/users/application/rename.ts", text: `import type { User } from "../domain/user.js";\n\nexport const rename = (user: User, email: string): User => ({ ...user, email });\n` },
    boundaries: ["domain", "application", "infrastructure"],
    printed: [/Cycles today: 1 /, /src\/orders\/domain\/order(-line)?\.ts → src\/orders\/domain\/order/, /dependency-cruiser config: \.dependency-cruiser\.json/],
    written: [/domain: \["src\/\*\*\/domain\/\*\*"\]/, /\.dependency-cruiser\.json is read as well/, /adr: \{ directory: "docs\/adr" \}/],
  },
];

const repos: SampleRepository[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.dispose()));
});

async function repositoryFor(c: Case): Promise<{ repo: SampleRepository; head: string }> {
  const repo = await SampleRepository.create(c.template);
  repos.push(repo);
  await repo.remove(".github/archreview.yml");
  await repo.commit("as it is today");
  await repo.write(c.benign.file, c.benign.text);
  return { repo, head: await repo.commit("a change along an existing dependency") };
}

/** A new file beside a module of `from` that imports a module of `to`: the violation to catch. */
async function injectViolation(repo: SampleRepository, configText: string, files: string[]): Promise<{ file: string; from: string; to: string }> {
  const parsed = parseConfig(configText, ".github/archreview.yml");
  if (!parsed.ok) throw new Error(parsed.error.reason);
  const rule = parsed.config.rules[0]!;
  const to = rule.disallow![0]!;
  const matcher = createBoundaryMatcher(parsed.config.boundaries);
  const source = (name: string): string => files.find((f) => /\.ts$/.test(f) && matcher.boundaryOf(f) === name)!;
  const [fromFile, toFile] = [source(rule.from), source(to)];
  const file = `${path.posix.dirname(fromFile)}/injected.ts`;
  let target = path.posix.relative(path.posix.dirname(file), toFile).replace(/\.ts$/, ".js");
  if (!target.startsWith(".")) target = `./${target}`;
  await repo.write(file, `import * as target from "${target}";\n\nexport const injected = target;\n`);
  return { file, from: rule.from, to };
}

describe("archreview init", () => {
  it.each(CASES)("on $name: proposes rules that hold today and catch a new layer violation", async (c) => {
    const { repo, head } = await repositoryFor(c);
    const init = await cli(["init", "--repo", repo.dir], repo.dir);
    expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: "" });
    for (const name of c.boundaries) expect(init.stdout).toMatch(new RegExp(`^  ${name}\\s`, "m"));
    for (const printed of c.printed) expect(init.stdout).toMatch(printed);
    expect(init.stdout).toContain("Imports between boundaries today");
    const config = path.join(repo.dir, ".github/archreview.yml");
    const text = await readFile(config, "utf8");
    for (const written of c.written) expect(text).toMatch(written);
    const parsed = parseConfig(text, ".github/archreview.yml");
    expect(parsed.ok && parsed.config.boundaries.map((b) => b.name)).toEqual(c.boundaries);
    expect(parsed.ok && parsed.config.rules.length).toBeGreaterThan(0);

    // The last commit: nothing to report.
    const last = await reviewJson(repo, `${head}~1`, head, ["--config", config]);
    expect(last.review.findings.filter((f) => f.status === "new")).toEqual([]);
    expect(last.code).toBe(0);
    // The whole tree as if new: no boundary rule is broken and no file or function is over its limit today.
    const whole = await reviewJson(repo, EMPTY_TREE, head, ["--config", config]);
    expect(whole.review.findings.filter((f) => f.kind !== "cycle")).toEqual([]);

    // A layer violation committed next is caught.
    const files = (await runGit(["ls-files"], { cwd: repo.dir })).stdout.toString().split("\n").filter((f) => f !== "" && !f.startsWith("."));
    const injected = await injectViolation(repo, text, files);
    const violating = await repo.commit("a layer violation");
    const caught = await reviewJson(repo, `${violating}~1`, violating, ["--config", config]);
    expect(caught.code).toBe(1);
    expect(caught.review.findings).toEqual([
      expect.objectContaining({ kind: "boundary", status: "new", file: injected.file, line: 1, fromBoundary: injected.from, toBoundary: injected.to }),
    ]);
  });

  it("never overwrites an existing config without --force, and replaces it with --force", async () => {
    const repo = await SampleRepository.create(path.join(FIXTURES, "init-workspaces"));
    repos.push(repo);
    await repo.write(".github/archreview.yml", "# mine\n");
    await repo.commit("with a config");
    const refused = await cli(["init", "--repo", repo.dir], repo.dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(".github/archreview.yml already exists; run `archreview init --force`");
    expect(await readFile(path.join(repo.dir, ".github/archreview.yml"), "utf8")).toBe("# mine\n");
    const forced = await cli(["init", "--force", "--repo", repo.dir], repo.dir);
    expect(forced.code).toBe(0);
    expect(await readFile(path.join(repo.dir, ".github/archreview.yml"), "utf8")).toContain("boundaries:\n  api:");
  });

  it("explains its usage and refuses unknown arguments", async () => {
    const help = await cli(["init", "--help"], process.cwd());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: archreview init [--repo DIR] [--force]");
    const bad = await cli(["init", "now"], process.cwd());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unexpected argument "now"');
  });

  it("writes nothing outside a git repository", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "archreview-not-a-repo-"));
    try {
      const run = await cli(["init", "--repo", dir], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^archreview: git rev-parse failed/);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
