// The whole dependency-cruiser configuration is read: every rule kind and option checked against
// dependency-cruiser's own schema, `extends` of repository files and bundled presets resolved as data.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "@jest/globals";
import { loadDepcruiseConfig, type DepcruiseConfigIo } from "../../src/config/depcruise-extends.js";
import type { DepcruiseSchemaValidator } from "../../src/config/depcruise-schema.js";
import { formatConfigError } from "../../src/config/errors.js";
import { parseConfig } from "../../src/config/parse.js";
import { depcruisePackageDir, loadDepcruiseSchema } from "../../src/extract/depcruise-package.js";
import { presetName, readDepcruisePreset } from "../../src/extract/depcruise-presets.js";

const FILE = ".dependency-cruiser.json";
let validate: DepcruiseSchemaValidator;
beforeAll(async () => {
  validate = await loadDepcruiseSchema();
});

function io(files: Record<string, string>): DepcruiseConfigIo {
  return {
    validate,
    read: async (file) => files[file] ?? null,
    preset: (specifier) => {
      const name = presetName(specifier);
      return name === null ? null : readDepcruisePreset(name);
    },
  };
}

/** In the style of dependency-cruiser's own repository config. */
const DC_STYLE = [
  "{",
  '  "$schema": "https://raw.githubusercontent.com/sverweij/dependency-cruiser/main/src/schema/configuration.schema.json",',
  '  "extends": "dependency-cruiser/configs/recommended-strict",',
  "  // rules about modules, not imports",
  '  "forbidden": [',
  '    { "name": "utl-module-not-shared-enough", "module": { "path": "^src/utl", "numberOfDependentsLessThan": 3 }, "from": { "path": "^src" } },',
  '    { "name": "no-cross-feature", "severity": "error", "from": { "path": "^src/features/([^/]+)/" }, "to": { "path": "^src/features/", "pathNot": "^src/features/$1/" } },',
  '    { "name": "no-orphans", "severity": "info", "from": { "orphan": true, "pathNot": "\\\\.d\\\\.ts$" }, "to": {} },',
  "  ],",
  '  "allowed": [{ "from": { "path": "^src/(app)/" }, "to": { "path": "^src/$1/" } }, { "from": {}, "to": { "dependencyTypes": ["core"] } }],',
  '  "allowedSeverity": "error",',
  '  "required": [{ "name": "app-uses-log", "module": { "path": "^src/app/[^/]+\\\\.ts$" }, "to": { "path": "^src/utl/log\\\\.ts$" } }],',
  '  "options": {',
  '    "exclude": { "path": "^src/generated/" },',
  '    "tsPreCompilationDeps": true,',
  '    "reporterOptions": { "dot": { "collapsePattern": "node_modules/(@[^/]+/[^/]+|[^/]+)" } },',
  "  },",
  "}",
].join("\n");

describe("dependency-cruiser configuration", () => {
  it("accepts a config in dependency-cruiser's own style: module rules, $1 groups, extends of a preset, allowed, required, options", async () => {
    const loaded = await loadDepcruiseConfig(FILE, DC_STYLE, io({}));
    if (!loaded.ok) throw new Error(formatConfigError(loaded.error));
    const { rules } = loaded;
    const forbidden = rules.forbidden as { name: string; severity: string; from?: unknown; module?: unknown }[];
    const names = forbidden.map((r) => r.name);
    // The preset's rules come after the extending config's, a same-named rule merged (the extending one wins).
    expect(names).toEqual(["utl-module-not-shared-enough", "no-cross-feature", "no-orphans", "no-circular", "no-deprecated-core", "no-duplicate-dep-types", "no-non-package-json", "not-to-deprecated", "not-to-unresolvable"]);
    expect(forbidden[0]).toMatchObject({ severity: "error", module: { numberOfDependentsLessThan: 3 } });
    expect(forbidden[2]).toMatchObject({ severity: "info", comment: expect.stringContaining("orphan"), from: { orphan: true, pathNot: "\\.d\\.ts$" } });
    // recommended-strict turns every preset rule into an error.
    expect(forbidden.slice(3).every((r) => r.severity === "error")).toBe(true);
    expect(rules.allowed).toHaveLength(2);
    expect(rules.allowedSeverity).toBe("error");
    expect(rules.required).toEqual([{ name: "app-uses-log", severity: "error", module: { path: "^src/app/[^/]+\\.ts$" }, to: { path: "^src/utl/log\\.ts$" } }]);
    // Graph-shaping options kept (the preset's doNotFollow too); reporting options left out.
    expect(rules.options).toEqual({ exclude: { path: "^src/generated/" }, tsPreCompilationDeps: true, doNotFollow: expect.objectContaining({ path: "node_modules" }) });
  });

  it("reads dependency-cruiser's presets as data, equal to what its own code exports", () => {
    for (const name of ["recommended", "recommended-strict", "recommended-warn-only"]) {
      const file = path.join(depcruisePackageDir(), "configs", `${name}.cjs`);
      // dependency-cruiser's own package code (never the reviewed repository's), run here only as the reference.
      const reference: unknown = JSON.parse(execFileSync(process.execPath, ["-e", `process.stdout.write(JSON.stringify(require(${JSON.stringify(file)})))`]).toString());
      expect(readDepcruisePreset(name)).toEqual(reference);
    }
    expect(presetName("dependency-cruiser/configs/recommended-strict.cjs")).toBe("recommended-strict");
    expect(presetName("dependency-cruiser/configs/plugins/stats-reporter-plugin")).toBeNull();
  });

  it("resolves extends of JSON files inside the repository, relative to the extending file", async () => {
    const files = {
      "config/base.json": '{ "extends": "../shared/more", "forbidden": [{ "name": "a", "from": {}, "to": { "path": "^x" } }], "options": { "moduleSystems": ["es6"] } }',
      "shared/more.json": '{ "required": [{ "module": { "path": "^src/main" }, "to": { "path": "^src/boot" } }] }',
    };
    const loaded = await loadDepcruiseConfig(FILE, '{ "extends": ["./config/base.json"], "forbidden": [{ "name": "a", "severity": "warn" , "from": {}, "to": { "path": "^y" } }] }', io(files));
    if (!loaded.ok) throw new Error(formatConfigError(loaded.error));
    expect(loaded.rules.forbidden).toEqual([{ name: "a", severity: "warn", from: {}, to: { path: "^y" } }]);
    expect(loaded.rules.required).toEqual([{ name: "required-0", severity: "error", module: { path: "^src/main" }, to: { path: "^src/boot" } }]);
    expect(loaded.rules.options).toEqual({ moduleSystems: ["es6"] });
    expect(loaded.files).toEqual([FILE, "config/base.json", "shared/more.json"]);
  });

  it("names the file, line and key of a schema error, also inside an extended file", async () => {
    const typo = ["{", '  "forbidden": [', '    { "name": "ok", "from": {}, "to": {} },', '    { "name": "u", "module": { "path": "^src/utl", "numberOfDependentsLessThen": 3 }, "from": {} }', "  ]", "}"].join("\n");
    const own = await loadDepcruiseConfig(FILE, typo, io({}));
    expect(own).toMatchObject({ ok: false, error: { file: FILE, line: 4, key: "forbidden[1].module.numberOfDependentsLessThen", reason: expect.stringContaining("unknown key") } });
    const viaExtends = await loadDepcruiseConfig(FILE, '{ "extends": "./base.json" }', io({ "base.json": '{\n  "allowedSeverity": "fatal"\n}' }));
    expect(viaExtends).toMatchObject({ ok: false, error: { file: "base.json", line: 2, key: "allowedSeverity", reason: "must be one of error, warn, info, ignore" } });
    const wrongType = await loadDepcruiseConfig(FILE, '{\n  "options": {\n    "exclude": { "path": 3 }\n  }\n}', io({}));
    expect(wrongType).toMatchObject({ ok: false, error: { line: 3, key: "options.exclude.path" } });
  });

  it("refuses what it would have to execute or read outside the repository, naming the extends entry", async () => {
    const code = await loadDepcruiseConfig(FILE, '{\n  "extends": "./base"\n}', io({ "base.cjs": "module.exports = {}" }));
    expect(code).toMatchObject({ ok: false, error: { line: 2, key: "extends", reason: expect.stringContaining("base.cjs is code") } });
    const outside = await loadDepcruiseConfig(FILE, '{ "extends": "../elsewhere.json" }', io({}));
    expect(outside).toMatchObject({ ok: false, error: { key: "extends", reason: expect.stringContaining("leaves the repository") } });
    const npm = await loadDepcruiseConfig(FILE, '{ "extends": ["some-shared-config"] }', io({}));
    expect(npm).toMatchObject({ ok: false, error: { key: "extends[0]", reason: expect.stringContaining("only files inside the repository") } });
    const root = '{ "extends": "./a.json" }';
    const circular = await loadDepcruiseConfig(FILE, root, io({ [FILE]: root, "a.json": '{ "extends": "./.dependency-cruiser.json" }' }));
    expect(circular).toMatchObject({ ok: false, error: { file: "a.json", reason: expect.stringContaining("circular") } });
  });

  it("refuses an unsafe regular expression in any rule kind or option, naming the rule", async () => {
    const allowed = await loadDepcruiseConfig(FILE, '{\n  "allowed": [{ "from": { "path": "(a+)+$" }, "to": {} }]\n}', io({}));
    expect(allowed).toMatchObject({ ok: false, error: { line: 2, key: "allowed[0].from.path", reason: expect.stringContaining('rule "allowed-0"') } });
    const moduleRule = await loadDepcruiseConfig(FILE, '{ "forbidden": [{ "name": "m", "module": { "path": "(x|x)*" }, "from": {} }] }', io({}));
    expect(moduleRule).toMatchObject({ ok: false, error: { key: "forbidden[0].module.path", reason: expect.stringContaining('rule "m"') } });
    const option = await loadDepcruiseConfig(FILE, '{ "options": { "doNotFollow": { "path": ["ok", "(a|aa)+"] } } }', io({}));
    expect(option).toMatchObject({ ok: false, error: { key: "options.doNotFollow.path[1]", reason: expect.stringContaining("unsafe") } });
  });

  it("reads the same keys from archreview.yml, with the schema, and keeps tsConfig inside the repository", () => {
    const yml = ["forbidden:", "  - name: lonely", "    module: { path: '^src/utl', numberOfDependentsLessThan: 2 }", "    from: {}", "allowed:", "  - { from: {}, to: {} }", "allowedSeverity: info", "options:", "  includeOnly: '^src/'", "  webpackConfig: { fileName: webpack.config.js }"].join("\n");
    const parsed = parseConfig(yml, ".github/archreview.yml", validate);
    if (!parsed.ok) throw new Error(formatConfigError(parsed.error));
    expect(parsed.config.forbidden).toEqual([{ name: "lonely", severity: "error", module: { path: "^src/utl", numberOfDependentsLessThan: 2 }, from: {} }]);
    expect(parsed.config.allowed).toEqual([{ from: {}, to: {} }]);
    expect(parsed.config.allowedSeverity).toBe("info");
    expect(parsed.config.depcruiseOptions).toEqual({ includeOnly: "^src/" });
    expect(parsed.warnings.join("\n")).toContain("options.webpackConfig: not applied");
    // Without from, a module rule is refused by the schema (as dependency-cruiser refuses it).
    const noFrom = parseConfig("forbidden:\n  - module: { path: x }\n", ".github/archreview.yml");
    expect(noFrom).toMatchObject({ ok: false, error: { line: 2, key: "forbidden[0].from", reason: expect.stringContaining("is missing") } });
    const bad = parseConfig("required:\n  - module: {}\n    to: { pathh: x }\n", ".github/archreview.yml", validate);
    expect(bad).toMatchObject({ ok: false, error: { line: 3, key: "required[0].to.pathh" } });
    const escape = parseConfig("options:\n  tsConfig: { fileName: ../other/tsconfig.json }\n", ".github/archreview.yml", validate);
    expect(escape).toMatchObject({ ok: false, error: { line: 2, key: "options.tsConfig.fileName", reason: expect.stringContaining("inside the repository") } });
  });
});
