// Issue 15 item 7: a reviewed tree is never installed, yet its imports must get the dependency
// types and would-be paths dependency-cruiser gives them with node_modules present. The reference:
// dependency-cruiser's CLI on the same tree WITH stub packages installed, and the rule set that
// `depcruise --init` writes (test/fixtures/depcruise-init/rules.json).
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { ExternalImport } from "../../src/core/model.js";
import { depcruiseGraph, fastGraph, stubPackage, writeTree, type ComparableGraph } from "./depcruise-cli.js";

const INIT_RULES = JSON.parse(readFileSync(path.resolve("test/fixtures/depcruise-init/rules.json"), "utf8")) as { forbidden: Rule[] };

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({
    name: "shop",
    version: "1.0.0",
    dependencies: { lodash: "4", "@nestjs/core": "10", both: "1" },
    devDependencies: { "jest-util": "29", "@types/typed-only": "1", both: "1" },
    peerDependencies: { react: "18" },
    optionalDependencies: { "opt-native": "1" },
  }),
  "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true } }),
  "src/main.ts": [
    'import { readFileSync } from "node:fs";',
    'import path from "path";',
    'import _ from "lodash";',
    'import { NestFactory } from "@nestjs/core";',
    'import fp from "lodash/fp";',
    'import { Injector } from "@nestjs/core/injector";',
    'import { hidden } from "undeclared-pkg";',
    'import util from "jest-util";',
    'import React from "react";',
    'import opt from "opt-native";',
    'import type { T } from "typed-only";',
    'import twice from "both";',
    'import { helper } from "./helper";',
    'import { gone } from "./missing";',
    'import logo from "./logo.png";',
    'import sheet from "./style.css?url";',
    'import manifest from "../package.json";',
    "export const all = [readFileSync, path, _, fp, Injector, NestFactory, hidden, util, React, opt, twice, helper, gone, logo, sheet, manifest];",
    "export type U = T;",
    "",
  ].join("\n"),
  "src/helper.ts": 'import _ from "lodash";\nexport const helper = _;\n',
  "src/helper.spec.ts": 'import util from "jest-util";\nimport { helper } from "./helper";\nexport const t = [util, helper];\n',
  "src/logo.png": "png",
  "src/style.css": "a {}",
  // A nested manifest governs its folder: jest-util is undeclared there.
  "src/nested/package.json": JSON.stringify({ name: "nested", dependencies: { lodash: "4" } }),
  "src/nested/tool.ts": 'import util from "jest-util";\nimport _ from "lodash";\nexport const tool = [util, _];\n',
};

const STUBS: Record<string, string> = {
  ...["lodash", "@nestjs/core", "undeclared-pkg", "jest-util", "react", "opt-native", "both"].reduce<Record<string, string>>((all, name) => ({ ...all, ...stubPackage(name) }), {}),
  "node_modules/lodash/fp.js": "module.exports = {};\n",
  "node_modules/@nestjs/core/injector.js": "module.exports = {};\n",
  // typed-only is declared and installed as its @types twin only.
  "node_modules/@types/typed-only/package.json": JSON.stringify({ name: "@types/typed-only", version: "1.0.0", types: "index.d.ts" }),
  "node_modules/@types/typed-only/index.d.ts": "export type T = number;\n",
};

interface Rule {
  name: string;
  from: { path?: string; pathNot?: string | string[] };
  to: { dependencyTypes?: string[]; dependencyTypesNot?: string[]; couldNotResolve?: boolean; path?: string; pathNot?: string | string[] };
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The init rules judging one dependency: only the conditions those rules use on an import. */
function breaks(rule: Rule, from: string, x: { resolved: string; dependencyTypes: string[]; couldNotResolve: boolean }): boolean {
  const { from: f, to } = rule;
  if (f.path !== undefined && !new RegExp(f.path).test(from)) return false;
  if (list(f.pathNot).some((p) => new RegExp(p).test(from))) return false;
  if (to.couldNotResolve !== undefined && to.couldNotResolve !== x.couldNotResolve) return false;
  if (to.dependencyTypes && !to.dependencyTypes.some((t) => x.dependencyTypes.includes(t))) return false;
  if (to.dependencyTypesNot && to.dependencyTypesNot.some((t) => x.dependencyTypes.includes(t))) return false;
  if (to.path !== undefined && !new RegExp(to.path).test(x.resolved)) return false;
  if (list(to.pathNot).some((p) => new RegExp(p).test(x.resolved))) return false;
  return true;
}

// The rules that judge one import by what it leads to (not cycles, orphans or deprecations).
const IMPORT_RULES = new Set(["no-non-package-json", "not-to-unresolvable", "not-to-dev-dep", "optional-deps-used", "peer-deps-used", "not-to-spec"]);

describe("external imports of a tree that is not installed, as dependency-cruiser sees it installed", () => {
  let bare: string;
  let installed: string;
  let ours: ComparableGraph & { sources: string[]; raw: { external: ExternalImport[] } };
  let reference: ComparableGraph;
  let referenceViolations: string[];

  beforeAll(async () => {
    bare = writeTree(FILES);
    installed = writeTree({ ...FILES, ...STUBS });
    ours = await fastGraph(bare);
    reference = depcruiseGraph(installed, ["src"], { forbidden: INIT_RULES.forbidden, options: { tsPreCompilationDeps: true } }, ours.sources);
    referenceViolations = reference.violations;
  }, 60_000);

  afterAll(() => {
    for (const dir of [bare, installed]) rmSync(dir, { recursive: true, force: true });
  });

  it("gives the same edges, resolved paths and dependency types as the CLI with the packages installed", () => {
    expect(ours.edges).toEqual(reference.edges);
    expect(ours.external).toEqual(reference.external);
  });

  it("covers every kind: core, npm, npm-dev, npm-peer, npm-optional, npm-no-pkg, @types twin, unresolved, non-source files", () => {
    const byResolved = (from: string, resolved: string): ExternalImport | undefined => ours.raw.external.find((x) => x.from === from && x.resolved === resolved);
    expect(byResolved("src/main.ts", "fs")).toMatchObject({ coreModule: true, dependencyTypes: ["core", "import"], line: 1, specifier: "node:fs" });
    expect(byResolved("src/main.ts", "node_modules/lodash/index.js")?.dependencyTypes).toEqual(["npm", "import"]);
    expect(byResolved("src/main.ts", "node_modules/@nestjs/core/index.js")?.dependencyTypes).toEqual(["npm", "import"]);
    expect(byResolved("src/main.ts", "node_modules/undeclared-pkg/index.js")?.dependencyTypes).toEqual(["npm-no-pkg", "import"]);
    expect(byResolved("src/main.ts", "node_modules/jest-util/index.js")?.dependencyTypes).toEqual(["npm-dev", "import"]);
    expect(byResolved("src/main.ts", "node_modules/react/index.js")?.dependencyTypes).toEqual(["npm-peer", "import"]);
    expect(byResolved("src/main.ts", "node_modules/opt-native/index.js")?.dependencyTypes).toEqual(["npm-optional", "import"]);
    expect(byResolved("src/main.ts", "node_modules/lodash/fp.js")?.dependencyTypes).toEqual(["npm", "import"]);
    expect(byResolved("src/main.ts", "node_modules/@nestjs/core/injector.js")?.dependencyTypes).toEqual(["npm", "import"]);
    expect(byResolved("src/main.ts", "node_modules/@types/typed-only/index.d.ts")).toMatchObject({ dependencyTypes: ["npm-dev", "type-only", "import"], typeOnly: true });
    expect(byResolved("src/main.ts", "node_modules/both/index.js")?.dependencyTypes).toEqual(["npm", "npm-dev", "import"]);
    expect(byResolved("src/main.ts", "./missing")).toMatchObject({ couldNotResolve: true, dependencyTypes: ["unknown"], line: 14 });
    expect(byResolved("src/main.ts", "src/logo.png")?.dependencyTypes).toEqual(["local", "import"]);
    expect(byResolved("src/main.ts", "src/style.css")).toMatchObject({ specifier: "./style.css?url" });
    expect(byResolved("src/main.ts", "package.json")?.dependencyTypes).toEqual(["local", "import"]);
    expect(byResolved("src/nested/tool.ts", "node_modules/jest-util/index.js")?.dependencyTypes).toEqual(["npm-no-pkg", "import"]);
  });

  it("reaches the CLI's verdicts of the init rules that judge an import, from our external imports alone", () => {
    const rules = INIT_RULES.forbidden.filter((r) => IMPORT_RULES.has(r.name));
    const fromEdges = ours.edges.map((e) => e.split(" -> ") as [string, string]).map(([from, to]) => ({ from, resolved: to, dependencyTypes: ["local"], couldNotResolve: false }));
    const ourViolations = [...ours.raw.external, ...fromEdges].flatMap((x) => rules.filter((r) => breaks(r, x.from, x)).map((r) => `${r.name} | ${x.from} | ${x.resolved}`));
    expect([...new Set(ourViolations)].sort()).toEqual(referenceViolations.filter((v) => IMPORT_RULES.has(v.split(" | ")[0] as string)));
    // The false errors of the issue are gone: no npm import is unresolvable.
    expect(referenceViolations.filter((v) => v.startsWith("not-to-unresolvable"))).toEqual(["not-to-unresolvable | src/main.ts | ./missing"]);
  });
});
