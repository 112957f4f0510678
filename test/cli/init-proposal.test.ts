// The pure half of `archreview init`: boundaries from folders, rules from today's imports, limits
// from today's worst, and a YAML text the config parser accepts as the same proposal.
import { describe, expect, it } from "@jest/globals";
import { parseConfig } from "../../src/config/parse.js";
import { proposeBoundaries, workspaceGlobs } from "../../src/config/proposal-layout.js";
import { limitAbove, proposeLimits, proposeRules, renderProposal, type TodaysFacts } from "../../src/config/proposal.js";

const repo = (files: string[], packageJson: string | null = null, pnpmWorkspace: string | null = null) => ({ files, packageJson, pnpmWorkspace });
const names = (files: string[], packageJson: string | null = null) => proposeBoundaries(repo(files, packageJson)).map((b) => [b.name, b.patterns.join(",")]);

describe("proposeBoundaries", () => {
  it("takes the source folders under src/, leaving files at its root and non-source folders out", () => {
    expect(names(["src/main.ts", "src/domain/a.ts", "src/ui/b.tsx", "src/assets/logo.svg", "README.md", "test/x.test.ts"])).toEqual([
      ["domain", "src/domain/**"],
      ["ui", "src/ui/**"],
    ]);
  });

  it("takes workspace packages named by package.json workspaces, and by pnpm-workspace.yaml", () => {
    const files = ["apps/site/package.json", "apps/site/index.ts", "libs/kit/package.json", "libs/kit/src/k.ts", "tools/gen/package.json", "tools/gen/g.ts"];
    // tools/ is no workspace here: with no src/, it is a top-level source folder.
    expect(names(files, JSON.stringify({ workspaces: { packages: ["apps/*", "libs/*"] } }))).toEqual([
      ["tools", "tools/**"],
      ["site", "apps/site/**"],
      ["kit", "libs/kit/**"],
    ]);
    expect(workspaceGlobs({ packageJson: null, pnpmWorkspace: "packages:\n  - 'tools/*'\n  - '!tools/skip'\n" })).toEqual(["tools/*"]);
    expect(proposeBoundaries(repo(files, null, "packages:\n  - tools/*\n")).map((b) => b.name)).toEqual(["apps", "libs", "gen"]);
  });

  it("proposes one boundary per layer when layers sit inside feature folders", () => {
    const files = ["src/users/domain/u.ts", "src/users/infrastructure/db.ts", "src/orders/domain/o.ts", "src/orders/api/http.ts", "src/main.ts"];
    expect(names(files)).toEqual([
      ["domain", "src/**/domain/**"],
      ["infrastructure", "src/**/infrastructure/**"],
      ["api", "src/**/api/**"],
    ]);
  });

  it("falls back to top-level source folders, skipping tests, docs and build output", () => {
    expect(names(["server/a.js", "client/b.jsx", "test/t.js", "docs/d.ts", "dist/x.js", ".github/s.js"])).toEqual([
      ["client", "client/**"],
      ["server", "server/**"],
    ]);
  });

  it("keeps names unique when a folder and a package share one", () => {
    const files = ["src/shared/a.ts", "packages/shared/package.json", "packages/shared/index.ts"];
    expect(names(files, JSON.stringify({ workspaces: ["packages/*"] }))).toEqual([
      ["shared", "src/shared/**"],
      ["packages-shared", "packages/shared/**"],
    ]);
  });
});

describe("proposeRules and limits", () => {
  const boundaries = ["ui", "domain", "db"].map((name) => ({ name, patterns: [`src/${name}/**`], origin: "folder under src/" }));
  const dependencies = new Map([
    ["ui", new Map([["domain", 3]])],
    ["db", new Map([["domain", 1]])],
  ]);

  it("disallows exactly the pairs with no import today", () => {
    expect(proposeRules({ boundaries, dependencies })).toEqual([
      { from: "ui", disallow: ["db"] },
      { from: "domain", disallow: ["ui", "db"] },
      { from: "db", disallow: ["ui"] },
    ]);
  });

  it("sets limits just above today's worst, with floors, and the defaults when nothing was measured", () => {
    expect(limitAbove(812, 100, 500)).toBe(812 + 82);
    expect(limitAbove(40, 100, 500)).toBe(100);
    expect(limitAbove(9, 5, 15)).toBe(10);
    expect(proposeLimits({ fileLines: null, functionComplexity: 31, publicMethods: null })).toEqual({ fileLines: 500, functionComplexity: 35, publicMethods: 7 });
  });

  it("renders YAML that parses back to the same boundaries, rules, limits, ADR folder and ignore", () => {
    const facts: TodaysFacts = {
      boundaries: [...boundaries, { name: "on", patterns: ["lib/on/**"], origin: "folder under lib/" }],
      dependencies,
      worst: { fileLines: 812, functionComplexity: 31, publicMethods: 12 },
      adrDirectory: "docs/adr",
      depcruiseConfig: ".dependency-cruiser.json",
      ignore: ["test/**"],
    };
    const text = renderProposal(facts);
    const parsed = parseConfig(text, ".github/archreview.yml");
    if (!parsed.ok) throw new Error(parsed.error.reason);
    const { config } = parsed;
    expect(config.boundaries).toEqual(facts.boundaries.map(({ name, patterns }) => ({ name, patterns })));
    expect(config.rules.map((r) => [r.from, r.disallow])).toEqual(proposeRules(facts).map((r) => [r.from, r.disallow]));
    expect(config.limits).toMatchObject({ fileLines: 894, functionComplexity: 35, publicMethods: 14 });
    expect(config.adr.directory).toBe("docs/adr");
    expect(config.ignore).toEqual(["test/**"]);
    expect(config.forbidden).toEqual([]);
    expect(text).toContain("# .dependency-cruiser.json is read as well");
    // A boundary named like a YAML boolean stays a string.
    expect(text).toContain('"on": ["lib/on/**"]');
  });
});
