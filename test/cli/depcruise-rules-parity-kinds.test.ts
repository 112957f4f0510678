// Every dependency-cruiser rule kind judged on archreview's own graph (ADR 0007) must give exactly
// the differences of dependency-cruiser's own CLI run on the base and on the head: rule, from, to,
// and for cycles the cycle path. Each scenario also names the rules it expects to see change, so
// that an equality of two empty sets cannot pass for parity.
import { describe, expect, it } from "@jest/globals";
import { cliDifferences, forbiddenOf, keyOf, reviewCycles, runParity, type ParityRun } from "./depcruise-rules-parity-harness.js";

const rulesOf = (keys: Set<string>): string[] => [...new Set([...keys].map((k) => k.split("|")[0] ?? ""))].sort();

function expectParity(run: ParityRun): { added: Set<string>; resolved: Set<string> } {
  const { added, resolved, cycles } = cliDifferences(run);
  expect(new Set(forbiddenOf(run.review.newViolations).map(keyOf))).toEqual(added);
  expect(new Set(forbiddenOf(run.review.resolvedViolations).map(keyOf))).toEqual(resolved);
  // The cycle of each new or resolved circular-rule violation is dependency-cruiser's.
  const ours = reviewCycles(run.review);
  for (const key of [...added, ...resolved]) expect([key, ours.get(key)]).toEqual([key, cycles.get(key)]);
  return { added, resolved };
}

const TSCONFIG_WITH_PATHS = '{ "compilerOptions": { "strict": true, "module": "esnext", "moduleResolution": "bundler", "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }\n';

describe("dependency-cruiser rule kinds on archreview's graph, parity with its CLI", () => {
  it("dependency rules: path/pathNot with $1 groups, dynamic, preCompilationOnly, dependencyTypes and dependencyTypesNot, moreThanOneDependencyType", async () => {
    const run = await runParity({
      tsconfig: TSCONFIG_WITH_PATHS,
      config: {
        forbidden: [
          { name: "features-stay-apart", severity: "error", from: { path: "^src/features/([^/]+)/" }, to: { path: "^src/features/", pathNot: "^src/features/$1/" } },
          { name: "no-lazy-core", severity: "warn", from: {}, to: { path: "^src/core/", dynamic: true } },
          { name: "core-types-from-infra", severity: "info", from: { path: "^src/core/" }, to: { path: "^src/infra/", preCompilationOnly: true } },
          { name: "core-values-not-from-infra", severity: "error", from: { path: "^src/core/" }, to: { path: "^src/infra/", dependencyTypesNot: ["type-only"] } },
          { name: "aliases-only-in-app", severity: "warn", from: { pathNot: "^src/app/" }, to: { dependencyTypes: ["aliased-tsconfig-paths"] } },
          { name: "no-duplicate-dep-types", severity: "warn", from: {}, to: { moreThanOneDependencyType: true } },
        ],
        options: { tsPreCompilationDeps: "specify" },
      },
      base: {
        "src/core/model.ts": 'import type { Db } from "../infra/db";\nexport interface Model { db: Db }\n',
        "src/infra/db.ts": "export interface Db { q: string }\nexport const connect = (): number => 1;\n",
        "src/features/a/a.ts": 'import { b } from "../b/b";\nexport const a = b;\n',
        "src/features/b/b.ts": "export const b = 1;\n",
        "src/app/main.ts": 'import { a } from "@app/features/a/a";\nexport const main = a;\n',
      },
      head: {
        "src/core/model.ts": "export interface Model { db: string }\n",
        "src/core/service.ts": 'import { connect } from "../infra/db";\nexport const service = connect();\n',
        "src/features/a/a.ts": "export const a = 2;\n",
        "src/features/b/b.ts": 'import { c } from "../c/c";\nexport const b = c;\n',
        "src/features/c/c.ts": "export const c = 1;\n",
        "src/features/c/lazy.ts": 'export const load = () => import("../../core/service");\n',
        "src/features/c/uses-alias.ts": 'import { main } from "@app/app/main";\nexport const used = main;\n',
      },
    });
    const { added, resolved } = expectParity(run);
    expect(rulesOf(added)).toEqual(["aliases-only-in-app", "core-values-not-from-infra", "features-stay-apart", "no-lazy-core"]);
    expect(rulesOf(resolved)).toEqual(["core-types-from-infra", "features-stay-apart"]);
  }, 120_000);

  it("circular rules: plain, via, viaOnly with a $1 group, viaOnly dependencyTypesNot; cycle paths as dependency-cruiser finds them", async () => {
    const run = await runParity({
      config: {
        forbidden: [
          { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
          { name: "no-circular-via-util", severity: "warn", from: {}, to: { circular: true, via: { path: "^src/util/" } } },
          { name: "no-cycle-inside-layer", severity: "warn", from: { path: "^src/([^/]+)/" }, to: { circular: true, viaOnly: { path: "^src/$1/" } } },
          { name: "no-value-cycles", severity: "error", from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } } },
        ],
        options: { tsPreCompilationDeps: true },
      },
      base: {
        "src/domain/a.ts": 'import { b } from "./b";\nexport const a = (): number => b();\n',
        "src/domain/b.ts": 'import { a } from "./a";\nexport const b = (): number => a();\n',
        "src/app/x.ts": 'import { u } from "../util/u";\nexport const x = u;\n',
        "src/util/u.ts": "export const u = 1;\n",
        "src/app/p.ts": "export interface P { n: number }\n",
        "src/app/q.ts": "export interface Q { s: string }\n",
      },
      head: {
        "src/domain/b.ts": "export const b = (): number => 1;\n",
        "src/domain/c.ts": 'import { d } from "./d";\nexport const c = (): number => d();\n',
        "src/domain/d.ts": 'import { e } from "./e";\nexport const d = (): number => e();\n',
        "src/domain/e.ts": 'import { c } from "./c";\nexport const e = (): number => c();\n',
        "src/util/u.ts": 'import { y } from "../app/y";\nexport const u = y;\n',
        "src/app/y.ts": 'import { x } from "./x";\nexport const y = (): unknown => x;\n',
        "src/app/p.ts": 'import type { Q } from "./q";\nexport interface P { n: number; q?: Q }\n',
        "src/app/q.ts": 'import type { P } from "./p";\nexport interface Q { s: string; p?: P }\n',
      },
    });
    const { added, resolved } = expectParity(run);
    expect(rulesOf(added)).toEqual(["no-circular", "no-circular-via-util", "no-cycle-inside-layer", "no-value-cycles"]);
    expect(rulesOf(resolved)).toEqual(["no-circular", "no-cycle-inside-layer", "no-value-cycles"]);
    // The type-only cycle breaks the rules that do not ask for value imports only.
    expect([...added].filter((k) => k.includes("src/app/p.ts|")).map((k) => k.split("|")[0])).toEqual(["no-circular", "no-cycle-inside-layer"]);
  }, 120_000);

  it("module rules: orphan, reachable false and true (with via), numberOfDependentsMoreThan", async () => {
    const run = await runParity({
      config: {
        forbidden: [
          { name: "no-orphans", severity: "warn", from: { orphan: true }, to: {} },
          { name: "no-unreachable", severity: "error", from: { path: "^src/main\\.ts$" }, to: { path: "^src/", pathNot: "^src/main\\.ts$|\\.spec\\.ts$", reachable: false } },
          { name: "main-not-to-specs", severity: "error", from: { path: "^src/main\\.ts$" }, to: { path: "\\.spec\\.ts$", reachable: true } },
          { name: "too-popular", severity: "warn", module: { path: "^src/", numberOfDependentsMoreThan: 2 }, from: {} },
        ],
        options: { tsPreCompilationDeps: true },
      },
      base: {
        "src/main.ts": 'import { a } from "./a";\nimport { b } from "./b";\nexport const main = a + b;\n',
        "src/a.ts": 'import { shared } from "./shared";\nexport const a = shared;\n',
        "src/b.ts": 'import { shared } from "./shared";\nexport const b = shared;\n',
        "src/shared.ts": "export const shared = 1;\n",
        "src/lost.ts": 'import { shared } from "./shared";\nexport const lost = shared;\n',
        "src/a.spec.ts": 'import { a } from "./a";\nexport const t = a;\n',
      },
      head: {
        "src/main.ts": 'import { a } from "./a";\nimport { b } from "./b";\nimport { lost } from "./lost";\nexport const main = a + b + lost;\n',
        "src/b.ts": 'import { shared } from "./shared";\nimport { helper } from "./helper";\nexport const b = shared + helper;\n',
        "src/helper.ts": 'import { t } from "./a.spec";\nexport const helper = Number(t);\n',
        "src/c.ts": 'import { a } from "./a";\nexport const c = a;\n',
        "src/d.ts": 'import { a } from "./a";\nexport const d = a;\n',
        "src/island.ts": "export const island = 1;\n",
      },
    });
    const { added, resolved } = expectParity(run);
    expect(rulesOf(added)).toEqual(["main-not-to-specs", "no-orphans", "no-unreachable", "too-popular"]);
    expect(rulesOf(resolved)).toEqual(["no-unreachable"]);
  }, 120_000);
});
