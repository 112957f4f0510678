// Issue 15 gap 4(d) and item 6: workspace packages, compared with dependency-cruiser's CLI.
// A bare package import follows `main` (its default resolve options ignore `exports`), and
// subpath imports (`@scope/pkg/adapters/ws`) of packages whose `exports` point to an unbuilt
// dist/ resolve to source through the root tsconfig's `paths`, as the CLI resolves them.
import { describe, expect, it } from "@jest/globals";
import { depcruiseGraph, fastGraph, useScratchTrees } from "./depcruise-cli.js";

const tree = useScratchTrees();

describe("a workspace package's entry, as dependency-cruiser resolves it installed", () => {
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "root-app", private: true, workspaces: ["packages/*"] }),
    "packages/lib/package.json": JSON.stringify({ name: "@s/lib", main: "./src/main-entry.ts", exports: { ".": "./src/exports-entry.ts" } }),
    "packages/lib/src/main-entry.ts": "export const m = 1;\n",
    "packages/lib/src/exports-entry.ts": "export const e = 1;\n",
    "packages/lib/src/util.ts": "export const u = 1;\n",
    "packages/app/package.json": JSON.stringify({ name: "@s/app", dependencies: { "@s/lib": "*" } }),
    "packages/app/src/index.ts": 'import { m } from "@s/lib";\nimport { u } from "@s/lib/src/util";\nexport const all = [m, u];\n',
    // The root package's own name: not installed anywhere, so unresolvable for dependency-cruiser too.
    "packages/app/src/own.ts": 'import { x } from "root-app/thing";\nexport const y = x;\n',
  };

  it("follows `main`, not `exports`, and leaves a self-import of the root package unresolved", async () => {
    const ours = await fastGraph(tree(files));
    // dependency-cruiser sees workspace packages through their node_modules links.
    const installed = tree({ ...files, "node_modules/@s/lib": { link: "packages/lib" }, "node_modules/@s/app": { link: "packages/app" } });
    const reference = depcruiseGraph(installed, ["packages"], { options: { tsPreCompilationDeps: true } }, ours.sources, null);
    expect(ours.edges).toEqual(reference.edges);
    expect(ours.edges).toContain("packages/app/src/index.ts -> packages/lib/src/main-entry.ts");
    const unresolved = (g: { external: string[] }): string[] => g.external.filter((x) => x.endsWith("| unresolved"));
    expect(unresolved(ours)).toEqual(unresolved(reference));
    expect(unresolved(ours)).toEqual(["packages/app/src/own.ts | root-app/thing | unknown | unresolved"]);
  }, 60_000);
});

const PACKAGES = 4;
const MODULES = 12;

/** A pnpm-style monorepo: `exports` to dist/ (not built), a root tsconfig with `paths` per package (no baseUrl). */
function generatedMonorepo(): Record<string, string> {
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "mono", private: true }),
    "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
  };
  const paths: Record<string, string[]> = {};
  for (let p = 0; p < PACKAGES; p++) {
    const dir = `packages/p${p}`;
    paths[`@g/p${p}`] = [`./${dir}/src`];
    paths[`@g/p${p}/*`] = [`./${dir}/src/*`];
    files[`${dir}/package.json`] = JSON.stringify({
      name: `@g/p${p}`,
      main: "./dist/index.js",
      exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" }, "./adapters/*": "./dist/adapters/*.js" },
    });
    files[`${dir}/src/index.ts`] = `export * from "./core/m0";\nexport const name = "p${p}";\n`;
    files[`${dir}/src/adapters/ws.ts`] = `import { name } from "@g/p${p}";\nexport const ws = name;\n`;
    files[`${dir}/src/adapters/http.ts`] = `import { ws } from "./ws";\nexport const http = ws;\n`;
    for (let i = 0; i < MODULES; i++) {
      const q = (p + 1 + (i % (PACKAGES - 1))) % PACKAGES;
      const lines = [
        i > 0 ? `import { v${i - 1} } from "./m${i - 1}";` : "",
        i % 3 === 0 ? `import { ws } from "@g/p${q}/adapters/ws";` : "",
        i % 4 === 1 ? `import { http } from "@g/p${q}/adapters/http.js";` : "",
        i % 5 === 2 ? `import { name } from "@g/p${q}";` : "",
        i % 6 === 3 ? `import type { T${i} } from "@g/p${q}/core/m${i}";` : "",
        i === 7 ? `import { nope } from "@g/p${q}/adapters/missing";` : "",
        i === 8 ? 'import { join } from "node:path";' : "",
        `export const v${i} = ${i};`,
        i % 6 === 3 ? `export type X${i} = T${i};` : `export type T${i} = number;`,
      ];
      files[`${dir}/src/core/m${i}.ts`] = `${lines.filter(Boolean).join("\n")}\n`;
    }
  }
  files["tsconfig.json"] = JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", paths } });
  return files;
}

describe("workspace subpath imports in a generated monorepo (exports -> dist, root paths per package)", () => {
  it("has the CLI's edges and unresolved imports", async () => {
    const root = tree(generatedMonorepo());
    const ours = await fastGraph(root);
    const reference = depcruiseGraph(root, ["packages"], { options: { tsPreCompilationDeps: true } }, ours.sources);
    expect(ours.edges).toEqual(reference.edges);
    expect(ours.external).toEqual(reference.external);
    expect(ours.edges).toContain("packages/p0/src/core/m0.ts -> packages/p1/src/adapters/ws.ts");
    expect(ours.edges).toContain("packages/p1/src/core/m1.ts -> packages/p3/src/adapters/http.ts");
    expect(ours.edges.length).toBeGreaterThan(PACKAGES * MODULES);
    expect(ours.external.filter((x) => x.includes("adapters/missing"))).toHaveLength(PACKAGES);
  }, 60_000);

  it("maps `exports` subpath patterns and the src/ layout back to source when no tsconfig paths say where", async () => {
    const files = generatedMonorepo();
    files["tsconfig.json"] = JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } });
    const ours = await fastGraph(tree(files));
    // dependency-cruiser cannot resolve these without a build: here we deliberately find the source.
    expect(ours.edges).toContain("packages/p0/src/core/m0.ts -> packages/p1/src/adapters/ws.ts");
    expect(ours.edges).toContain("packages/p0/src/core/m3.ts -> packages/p1/src/core/m3.ts");
    expect(ours.external.filter((x) => x.endsWith("| unresolved"))).toEqual(
      [0, 1, 2, 3].map((p) => `packages/p${p}/src/core/m7.ts | @g/p${(p + 1 + (7 % 3)) % 4}/adapters/missing | unknown | unresolved`),
    );
  }, 60_000);
});
