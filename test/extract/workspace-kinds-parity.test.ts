// The dependency types of workspace edges, as dependency-cruiser's CLI gives them: through the
// root tsconfig's `paths` `aliased-tsconfig-paths`, through installed workspace links
// `aliased-workspace` when the manifest it reads declares the workspaces, else what it finds.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { fastGraph, useScratchTrees } from "./depcruise-cli.js";

const DEPCRUISE = path.resolve("node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
const tree = useScratchTrees();

/** `from -> to | types` (sorted, union over the imports of one target) of the CLI's edges between `sources`. */
function cliEdgeKinds(root: string, dirs: string[], sources: string[], tsConfig: string | null): string[] {
  writeFileSync(path.join(root, ".dependency-cruiser.json"), JSON.stringify({ options: { tsPreCompilationDeps: true } }));
  const args = [DEPCRUISE, ...dirs, "--config", ".dependency-cruiser.json", "--output-type", "json", ...(tsConfig ? ["--ts-config", tsConfig] : [])];
  const result = JSON.parse(execFileSync(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).toString("utf8")) as { modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[] };
  const analysed = new Set(sources);
  const kinds = new Map<string, Set<string>>();
  for (const m of result.modules) {
    if (!analysed.has(m.source)) continue;
    for (const d of m.dependencies) {
      if (!analysed.has(d.resolved)) continue;
      const key = `${m.source} -> ${d.resolved}`;
      const set = kinds.get(key) ?? new Set<string>();
      for (const t of d.dependencyTypes) set.add(t);
      kinds.set(key, set);
    }
  }
  return [...kinds].map(([key, set]) => `${key} | ${[...set].sort().join(",")}`).sort();
}

async function ourEdgeKinds(root: string): Promise<{ kinds: string[]; sources: string[] }> {
  const ours = await fastGraph(root);
  return { kinds: ours.raw.edges.map((e) => `${e.from} -> ${e.to} | ${[...new Set(e.kinds)].sort().join(",")}`).sort(), sources: ours.sources };
}

describe("workspace edges' dependency types, as dependency-cruiser's CLI gives them", () => {
  it("npm workspaces installed as links, no tsconfig paths", async () => {
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ name: "root-app", private: true, workspaces: ["packages/*"] }),
      "packages/lib/package.json": JSON.stringify({ name: "@s/lib", main: "./src/main-entry.ts" }),
      "packages/lib/src/main-entry.ts": "export const m = 1;\n",
      "packages/lib/src/util.ts": "export const u = 1;\n",
      "packages/app/package.json": JSON.stringify({ name: "@s/app", dependencies: { "@s/lib": "*" } }),
      "packages/app/src/index.ts": 'import { m } from "@s/lib";\nimport { u } from "@s/lib/src/util";\nexport const all = [m, u];\n',
      // Its nearest package.json is the root's, which declares the workspaces: aliased-workspace.
      "scripts/build.ts": 'import { m } from "@s/lib";\nimport { u } from "@s/lib/src/util";\nexport const built = [m, u];\n',
    };
    const ours = await ourEdgeKinds(tree(files));
    const installed = tree({ ...files, "node_modules/@s/lib": { link: "packages/lib" }, "node_modules/@s/app": { link: "packages/app" } });
    const reference = cliEdgeKinds(installed, ["packages", "scripts"], ours.sources, null);
    expect(ours.kinds).toEqual(reference);
    // Not vacuous: both kinds of answer occur.
    expect(reference).toContain("scripts/build.ts -> packages/lib/src/util.ts | aliased,aliased-workspace,import,local");
    expect(reference).toContain("packages/app/src/index.ts -> packages/lib/src/util.ts | import,undetermined");
  }, 60_000);

  it("pnpm workspaces with a root tsconfig `paths` per package: aliased-tsconfig-paths", async () => {
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ name: "mono", private: true }),
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", paths: { "@g/a": ["./packages/a/src"], "@g/a/*": ["./packages/a/src/*"] } } }),
      "packages/a/package.json": JSON.stringify({ name: "@g/a", main: "./dist/index.js", exports: { ".": "./dist/index.js", "./adapters/*": "./dist/adapters/*.js" } }),
      "packages/a/src/index.ts": "export const name = 1;\n",
      "packages/a/src/adapters/ws.ts": "export const ws = 1;\n",
      "packages/b/package.json": JSON.stringify({ name: "@g/b" }),
      "packages/b/src/use.ts": 'import { name } from "@g/a";\nimport { ws } from "@g/a/adapters/ws";\nexport const both = [name, ws];\n',
    };
    const root = tree(files);
    const ours = await ourEdgeKinds(root);
    const reference = cliEdgeKinds(root, ["packages"], ours.sources, "tsconfig.json");
    expect(ours.kinds).toEqual(reference);
    expect(reference).toContain("packages/b/src/use.ts -> packages/a/src/adapters/ws.ts | aliased,aliased-tsconfig,aliased-tsconfig-paths,import,local");
  }, 60_000);
});
