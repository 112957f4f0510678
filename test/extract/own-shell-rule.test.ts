// Our own rule `github-stays-in-its-shell` judges resolved paths: it must match where Probot
// resolves installed (dependency-cruiser: node_modules/probot/lib/index.js) and on archreview's
// uninstalled graph (the would-be node_modules/probot/index.js), and nothing outside the shell.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import { buildGraphIndex } from "../../src/extract/graph-index.js";

interface Rule {
  name: string;
  from: { pathNot: string };
  to: { path: string };
}

describe("github-stays-in-its-shell", () => {
  const rules = (parse(readFileSync(".github/archreview.yml", "utf8")) as { forbidden: Rule[] }).forbidden;
  const rule = rules.find((r) => r.name === "github-stays-in-its-shell") as Rule;

  it("matches Probot's path installed and on our graph, and only the shell imports it", async () => {
    const to = new RegExp(rule.to.path);
    expect(to.test("node_modules/probot/lib/index.js")).toBe(true);
    expect(to.test("node_modules/@octokit/rest/dist-src/index.js")).toBe(true);
    expect(to.test("src/github/probot-app.ts")).toBe(false);
    const allFiles = (await listFiles(".")).filter((f) => f.startsWith("src/") || f === "package.json" || f === "tsconfig.json");
    const index = await buildGraphIndex(".", { allFiles, sourceFiles: allFiles.filter((f) => f.startsWith("src/") && isSourceFile(f)) });
    const toShellPackages = (index.external ?? []).filter((x) => to.test(x.resolved));
    expect(toShellPackages.map((x) => x.from)).toContain("src/index.ts");
    expect(toShellPackages.every((x) => x.dependencyTypes.includes("npm"))).toBe(true);
    const from = new RegExp(rule.from.pathNot);
    expect(toShellPackages.filter((x) => !from.test(x.from))).toEqual([]);
  });
});
