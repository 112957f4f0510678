// buildFastGraph must find exactly the edges dependency-cruiser finds (graph.ts buildRawGraph)
// on every fixture tree, and flag type-only / dynamic edges alike wherever both can say so.
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import type { ModuleEdge } from "../../src/core/model.js";
import { buildFastGraph, type FastGraph } from "./fast-graph-build.js";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import { buildRawGraph, type RawGraph } from "../../src/extract/depcruise-run.js";
import { DEMO_SAMPLE_DIR } from "../../src/cli/sample-repo.js";

const FIXTURES = path.resolve("test/fixtures");
const arrow = (e: { from: string; to: string }): string => `${e.from} -> ${e.to}`;
const flags = (e: { typeOnly: boolean; dynamic: boolean }): string => `${e.typeOnly ? "type-only" : "value"} ${e.dynamic ? "dynamic" : "static"}`;
// buildRawGraph hands workspace packages to dependency-cruiser as webpack aliases ("aliased-webpack"); its
// CLI on an installed tree follows node_modules links instead, and the fast graph gives that CLI's types
// (test/extract/workspace-kinds-parity.test.ts): workspace alias types are compared there, not here.
const WORKSPACE_ALIAS = new Set(["aliased-webpack", "aliased-workspace"]);
const aliasKinds = (kinds: string[]): string[] => {
  const workspace = kinds.some((k) => WORKSPACE_ALIAS.has(k));
  return kinds.filter((k) => k.startsWith("aliased") && !WORKSPACE_ALIAS.has(k) && !(workspace && k === "aliased"));
};

async function bothGraphs(root: string): Promise<{ raw: RawGraph; fast: FastGraph }> {
  const allFiles = await listFiles(root);
  const sourceFiles = allFiles.filter(isSourceFile);
  const raw = await buildRawGraph(root, { sourceFiles, allFiles, forbidden: [] });
  const fast = await buildFastGraph(root, { sourceFiles, allFiles });
  return { raw, fast };
}

/** Same edges in the same order; same flags and alias kinds; a line on every fast edge. */
function expectParity({ raw, fast }: { raw: RawGraph; fast: FastGraph }): void {
  expect(fast.modules).toEqual(raw.modules);
  expect(fast.edges.map(arrow)).toEqual(raw.edges.map(arrow));
  expect(fast.edges.map((e) => `${arrow(e)} ${flags(e)}`)).toEqual(raw.edges.map((e) => `${arrow(e)} ${flags(e)}`));
  expect(fast.edges.map((e) => [arrow(e), aliasKinds(e.kinds)])).toEqual(raw.edges.map((e) => [arrow(e), aliasKinds(e.kinds)]));
  for (const e of fast.edges) expect(e.line).toBeGreaterThan(0);
}

const edge = (graph: FastGraph, from: string, to: string): ModuleEdge | undefined => graph.edges.find((e) => e.from === from && e.to === to);

describe("buildFastGraph has dependency-cruiser's edges", () => {
  it("on the layered sample (paths with baseUrl, a workspace package)", async () => {
    const graphs = await bothGraphs(DEMO_SAMPLE_DIR);
    expectParity(graphs);
    expect(graphs.fast.edges.length).toBeGreaterThan(5);
  });

  it("on tsconfig paths with a baseUrl: several targets, an exact alias, bare baseUrl imports", async () => {
    const graphs = await bothGraphs(path.join(FIXTURES, "resolution-paths-baseurl"));
    expectParity(graphs);
    const { fast } = graphs;
    expect(edge(fast, "src/app.ts", "src/fallback/legacy.ts")).toMatchObject({ line: 5, specifier: "@shared/legacy.js" });
    expect(edge(fast, "src/app.ts", "src/config/index.ts")?.kinds).toContain("aliased-tsconfig-paths");
    expect(edge(fast, "src/app.ts", "src/util/math.ts")?.kinds).toContain("aliased-tsconfig-base-url");
    expect(edge(fast, "src/app.ts", "src/core/types.ts")).toMatchObject({ line: 3, typeOnly: true });
  });

  it("on a monorepo whose packages give the same `paths` alias different targets (npm workspaces)", async () => {
    const graphs = await bothGraphs(path.join(FIXTURES, "resolution-monorepo"));
    expectParity(graphs);
    const targets = graphs.fast.edges.filter((e) => e.specifier.startsWith("@/")).map(arrow);
    expect(targets).toEqual([
      "packages/app/src/helper.ts -> packages/app/src/greet.ts",
      "packages/app/src/index.ts -> packages/app/src/helper.ts",
      "packages/lib/src/index.ts -> packages/lib/src/internal/helper.ts",
    ]);
    expect(edge(graphs.fast, "tools/build.ts", "packages/lib/src/index.ts")?.kinds).toContain("aliased-workspace");
    expect(edge(graphs.fast, "packages/app/src/index.ts", "packages/lib/src/deep/thing.ts")).toBeDefined();
  });

  it("on pnpm-workspace.yaml packages, .tsx with JSX text and a .jsx file", async () => {
    const graphs = await bothGraphs(path.join(FIXTURES, "resolution-pnpm"));
    expectParity(graphs);
    expect(edge(graphs.fast, "apps/web/src/main.tsx", "apps/web/src/page.tsx")).toMatchObject({ dynamic: true, line: 5 });
    expect(edge(graphs.fast, "libs/ui/src/button.tsx", "libs/ui/src/theme.cjs")).toMatchObject({ line: 12, kinds: ["local", "require"] });
    expect(edge(graphs.fast, "apps/web/src/legacy.jsx", "libs/util/src/index.mts")).toBeDefined();
  });

  it("on every kind of module reference and target without a tsconfig", async () => {
    const graphs = await bothGraphs(path.join(FIXTURES, "resolution-module-kinds"));
    expectParity(graphs);
    const fromIndex = graphs.fast.edges.filter((e) => e.from === "src/index.ts").map((e) => e.to);
    expect(fromIndex).toEqual([
      "src/a.ts", // ./a.js and ./a?raw
      "src/b.mts",
      "src/c.cts",
      "src/cjs-only.cjs",
      "src/d/index.ts",
      "src/e/index.ts",
      "src/lazy.ts",
      "src/legacy/lib.js", // not lib.d.ts
      "src/lib/helper.ts", // package.json "imports"
      "src/local-pkg/lib/entry.ts",
      "src/types.ts",
    ]);
    expect(edge(graphs.fast, "src/index.ts", "src/types.ts")).toMatchObject({ typeOnly: true, kinds: ["local", "type-only", "import", "export"] });
    expect(edge(graphs.fast, "src/esm.mjs", "src/b.mts")).toMatchObject({ kinds: ["local", "export"] });
  });

  // New behaviour (issue 15, gap 4a): TypeScript's meaning, relative to the declaring tsconfig from any
  // working directory; dependency-cruiser agrees only when run from the tsconfig's directory.
  it("on paths without a baseUrl, relative to the tsconfig whatever the working directory", async () => {
    const root = path.join(FIXTURES, "resolution-paths-no-baseurl");
    const all = ["src/lib/b.ts -> src/lib/c.ts", "src/main.ts -> src/lib/b.ts", "src/main.ts -> src/lib/c.ts", "src/main.ts -> src/local.ts"];
    const elsewhere = await bothGraphs(root);
    expect(elsewhere.fast.edges.map(arrow)).toEqual(all);
    expect(elsewhere.raw.edges.map(arrow)).toEqual(["src/main.ts -> src/local.ts"]); // dependency-cruiser's cwd quirk
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const inside = await bothGraphs(root);
      expectParity(inside);
      expect(inside.fast.edges.map(arrow)).toEqual(all);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("where buildFastGraph deliberately differs from dependency-cruiser", () => {
  // Same edges, but dependency-cruiser's type-only test is not TypeScript's: see fast-scan.ts.
  it("follows TypeScript on what is type-only", async () => {
    const { raw, fast } = await bothGraphs(path.join(FIXTURES, "resolution-known-differences"));
    expect(fast.edges.map(arrow)).toEqual(raw.edges.map(arrow));
    const byEdge = (g: { edges: { from: string; to: string; typeOnly: boolean; dynamic: boolean }[] }) =>
      Object.fromEntries(g.edges.map((e) => [e.to.replace("src/", ""), flags(e)]));
    expect({ dependencyCruiser: byEdge(raw), fast: byEdge(fast) }).toEqual({
      dependencyCruiser: {
        "both.ts": "type-only static", // import("./both").T seen first; the same-key dynamic import() dropped
        "empty.ts": "type-only static", // `import {} from`: [].every() is true
        "globals.d.ts": "value static", // /// <reference path> carries no type-only tag
        "legacy.ts": "value static", // `import type X = require()` not checked
        "mixed.ts": "type-only static", // `import D, { type T }`: the default binding ignored
      },
      fast: {
        "both.ts": "value static",
        "empty.ts": "value static",
        "globals.d.ts": "type-only static",
        "legacy.ts": "type-only static",
        "mixed.ts": "value static",
      },
    });
    // Both skip the import inside `declare module "./augmented" { ... }`.
    expect(fast.edges.some((e) => e.to === "src/nested.ts")).toBe(false);
  });
});
