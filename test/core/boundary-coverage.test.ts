// Boundary globs and rules that can never fire are warnings naming the boundary, the glob and the
// likely cause (issue 14 item 1): pure, over a tree's file list.
import { describe, expect, it } from "@jest/globals";
import type { BoundaryDefinition, BoundaryRule } from "../../src/config/types.js";
import { boundaryCoverage } from "../../src/core/boundary-coverage.js";

const MODULES = ["src/modules/users/domain/user.ts", "src/modules/users/app/register.ts", "src/Infra/db.ts", "src/core/domain/order.ts", "lib/util.js"];
const FILES = [...MODULES, "assets/logo.svg", "README.md"];

const rule = (from: string, disallow: string[]): BoundaryRule => ({ from, disallow, severity: "error", allowTypeOnly: false });
const coverage = (boundaries: BoundaryDefinition[], rules: BoundaryRule[] = []) => boundaryCoverage({ boundaries, rules, files: FILES, modules: MODULES, where: "base" });

describe("boundaryCoverage", () => {
  it("counts modules per boundary, first match wins, and says nothing when every glob matches", () => {
    const result = coverage([
      { name: "domain", patterns: ["src/modules/*/domain/**", "src/core/domain/**"] },
      { name: "all", patterns: ["src/**"] },
    ]);
    expect(result).toEqual({ moduleCounts: { domain: 2, all: 2 }, warnings: [] });
  });

  it("names a leading / with the glob to write instead (a leading ./ matches, as in the review's matcher)", () => {
    const { warnings } = coverage([
      { name: "domain", patterns: ["/src/modules/*/domain/**"] },
      { name: "dotted", patterns: ["./lib/**"] },
    ]);
    expect(warnings).toEqual([
      "Boundary `domain`: glob `/src/modules/*/domain/**` matches no source module at base, so its rules never fire: paths are repo-relative, write `src/modules/*/domain/**` (no leading `/`).",
    ]);
  });

  it("names the file a wrongly cased glob would match", () => {
    const { warnings } = coverage([{ name: "infra", patterns: ["src/infra/**"] }]);
    expect(warnings).toEqual(["Boundary `infra`: glob `src/infra/**` matches no source module at base, so its rules never fire: globs are case-sensitive, and `src/Infra/db.ts` matches it ignoring case."]);
  });

  it("suggests where a moved folder went", () => {
    const { warnings } = coverage([{ name: "domain", patterns: ["src/domain/**"] }]);
    expect(warnings).toEqual(["Boundary `domain`: glob `src/domain/**` matches no source module at base, so its rules never fire: no folder `src/domain`; did it move to `src/modules/users/domain`?"]);
  });

  it("says when a glob matches only files that are not source modules, and falls back to a typo", () => {
    const { warnings } = coverage([
      { name: "assets", patterns: ["assets/**"] },
      { name: "typo", patterns: ["scr/zzz/**"] },
    ]);
    expect(warnings).toEqual([
      "Boundary `assets`: glob `assets/**` matches no source module at base, so its rules never fire: it matches `assets/logo.svg`, which is not a source module archreview analyses (or is left out by `ignore`).",
      "Boundary `typo`: glob `scr/zzz/**` matches no source module at base, so its rules never fire: check the path for a typo.",
    ]);
  });

  it("calls out a rule naming a boundary that holds no module, once per rule and name", () => {
    const boundaries = [
      { name: "domain", patterns: ["src/modules/*/domain/**"] },
      // Every file it names is claimed by `domain` first: no module of its own.
      { name: "shadowed", patterns: ["src/modules/users/domain/**"] },
      { name: "lib", patterns: ["lib/**"] },
    ];
    const { warnings, moduleCounts } = coverage(boundaries, [rule("shadowed", ["lib"]), rule("lib", ["shadowed", "shadowed"])]);
    expect(moduleCounts).toEqual({ domain: 1, shadowed: 0, lib: 1 });
    expect(warnings).toEqual([
      "Rule 1 (`from: shadowed`) names boundary `shadowed`, which holds no source module at base: the rule never fires.",
      "Rule 2 (`from: lib`) names boundary `shadowed`, which holds no source module at base: no import into it can break the rule.",
    ]);
  });
});
