// Config problems the review used to hide (issue 14 items 1 and 3), end to end through the CLI:
// a PR that breaks .github/archreview.yml fails with a finding on the file's line; a boundary glob
// that matches nothing at base is a warning in the notices, the comment, the check run and stderr.
import { afterEach, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import type { Finding } from "../../src/core/model.js";
import { renderCheckRun } from "../../src/report/check-run.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { cli, layeredRepo, reviewJson } from "./harness.js";

const CONFIG = ".github/archreview.yml";
let repo: SampleRepository | undefined;
afterEach(async () => repo?.dispose());

describe("archreview review: a PR that breaks the config", () => {
  it("is an error finding on the config's line, in every output, and fails the change", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    const text = await readConfig(repo);
    await repo.write(CONFIG, text.replace("cycles: error", "cycles: fatal"));
    const head = await repo.commit("break the config");
    const line = text.split("\n").findIndex((l) => l.startsWith("cycles:")) + 1;

    const { code, review } = await reviewJson(repo, r.base, head);
    expect(code).toBe(1);
    const expected: Finding = { kind: "config", rule: "valid-config", severity: "error", status: "new", file: CONFIG, line, column: 9, reason: {}, problem: 'cycles: must be one of error, warn, off; got "fatal"' };
    expect(review.findings).toEqual([expected]);
    expect(review.counts).toEqual({ errors: 1, warnings: 0 });
    expect(review.notices.join("\n")).not.toContain("invalid");

    const terminal = await cli(["review", "--repo", repo.dir, "--base", r.base, "--head", head, "--no-cache"], repo.dir);
    expect(terminal.code).toBe(1);
    expect(terminal.stdout).toContain("✖ archreview: 1 new error\n  1 invalid configuration file\n");
    expect(terminal.stdout).toContain(`Invalid configuration (1)\n  error  ${CONFIG}:${line}  cycles: must be one of error, warn, off; got "fatal"`);

    expect(renderMarkdown(review)).toContain(`#### Invalid configuration (1)\n\n- \`${CONFIG}:${line}\` — cycles: must be one of error, warn, off; got "fatal". Once merged, every later review fails until it is fixed.`);
    const check = renderCheckRun(review, { failOn: "error" });
    expect(check.conclusion).toBe("failure");
    expect(check.annotations).toEqual([expect.objectContaining({ path: CONFIG, start_line: line, annotation_level: "failure", title: "Invalid archreview configuration" })]);
  });
});

describe("archreview review: rules that match nothing", () => {
  it("warns about a boundary glob matching no file at base, and a rule naming it, everywhere notices go and on stderr", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write(CONFIG, (await readConfig(repo)).replace('infrastructure: ["src/infrastructure/**"]', 'infrastructure: ["src/Infrastructure/**"]'));
    const base = await repo.commit("a wrongly cased glob");
    await repo.write("src/domain/extra.ts", "export const extra = 1;\n");
    const head = await repo.commit("a change");

    const glob = "Boundary `infrastructure`: glob `src/Infrastructure/**` matches no source module at base, so its rules never fire: globs are case-sensitive, and `src/infrastructure/memory-user-repository.ts` matches it ignoring case.";
    const rule = "Rule 1 (`from: domain`) names boundary `infrastructure`, which holds no source module at base: no import into it can break the rule.";
    const { code, review, stderr } = await reviewJson(repo, base, head);
    expect(code).toBe(0);
    expect(review.notices).toEqual(expect.arrayContaining([glob, rule]));
    expect(stderr).toContain(`archreview: warning: ${glob}\n`);
    expect(stderr).toContain(`archreview: warning: ${rule}\n`);
    const markdown = renderMarkdown(review);
    expect(markdown).toContain("glob `src/Infrastructure/**` matches no source module at base");
    expect(renderCheckRun(review, { failOn: "error" }).summary).toContain("glob `src/Infrastructure/**` matches no source module at base");

    // Fixed at base: no warning at all.
    const clean = await reviewJson(repo, r.base, r.base);
    expect(clean.review.notices.join("\n")).not.toContain("matches no source module");
    expect(clean.stderr).not.toContain("warning");
  });
});

describe("archreview review: a PR that edits the config", () => {
  it("previews what the head's rules flag at head, by rule with examples, in the JSON, the terminal and the comment", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    const text = await readConfig(repo);
    await repo.write(CONFIG, text.replace("rules:\n", "rules:\n  - from: infrastructure\n    allow: [domain]\n    severity: warn\n"));
    const head = await repo.commit("infrastructure may only import domain");

    const { code, review } = await reviewJson(repo, r.base, head);
    expect(code).toBe(0); // the base's rules judge the PR: the preview is information
    const example = { kind: "boundary", rule: "infrastructure-not-to-application", file: "src/infrastructure/memory-user-repository.ts", to: "src/application/ports.ts" };
    expect(review.configPreview).toEqual({
      file: CONFIG,
      rules: [{ rule: "infrastructure-not-to-application", severity: "warn", count: 1, examples: [expect.objectContaining(example)] }],
      boundaries: { domain: 2, application: 2, infrastructure: 1, shared: 1 },
      warnings: [],
    });
    const terminal = await cli(["review", "--repo", repo.dir, "--base", r.base, "--head", head, "--no-cache"], repo.dir);
    expect(terminal.stdout).toContain(`What this PR's ${CONFIG} flags at head\n`);
    expect(terminal.stdout).toContain("  warn   infrastructure-not-to-application  1\n         src/infrastructure/memory-user-repository.ts:1 → src/application/ports.ts");
    const markdown = renderMarkdown(review);
    expect(markdown).toContain(`#### What this PR's ${CONFIG} flags at head`);
    expect(markdown).toContain("- **warn** `infrastructure-not-to-application`: 1\n  - `src/infrastructure/memory-user-repository.ts:1` → `src/application/ports.ts`");

    // A PR that leaves the config alone has no preview.
    await repo.write("src/domain/extra.ts", "export const extra = 1;\n");
    const plain = await reviewJson(repo, head, await repo.commit("no config change"));
    expect(plain.review.configPreview).toBeUndefined();
  });
});

async function readConfig(repo: SampleRepository): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  return readFile(`${repo.dir}/${CONFIG}`, "utf8");
}
