// The fast resolver must answer as dependency-cruiser does: same enhanced-resolve options, and
// the same steps around it (built-ins, protocols, loaders, query strings, the .js -> .ts retry).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { allExtensions } from "dependency-cruiser";
import { createFileSystem, ModuleResolver, resolveOptions, SCANNABLE_EXTENSIONS } from "../../src/extract/fast-resolve.js";

const FIXTURES = path.resolve("test/fixtures");
const kinds = path.join(FIXTURES, "resolution-module-kinds");
const resolverFor = (root: string, tsconfigFile: string | null = null, baseUrl?: string): ModuleResolver =>
  new ModuleResolver(root, { tsconfigFile, baseUrl, alias: {} }, createFileSystem());

interface DependencyCruiserOptions {
  plugins?: unknown[];
  fileSystem?: unknown;
  [key: string]: unknown;
}
type Normalize = (resolve: object, cruise: object, tsconfig: object | undefined) => Promise<DependencyCruiserOptions>;

/** dependency-cruiser's own option builder: internal, so imported by file path. */
async function dependencyCruiserNormalize(): Promise<Normalize> {
  const file = path.resolve("node_modules/dependency-cruiser/src/main/resolve-options/normalize.mjs");
  return ((await import(pathToFileURL(file).href)) as { default: Normalize }).default;
}

/** A TsconfigPathsPlugin's derived settings, without its functions (matchPath, log). */
function pluginState(plugin: unknown): Record<string, unknown> {
  const entries = Object.entries(plugin as Record<string, unknown>).filter(([, v]) => typeof v !== "function" && !(v !== null && typeof v === "object" && "logInfo" in v));
  return { constructor: (plugin as object).constructor.name, ...Object.fromEntries(entries) };
}

describe("resolver options", () => {
  it("scans dependency-cruiser's extensions, in its order", () => {
    expect(SCANNABLE_EXTENSIONS).toEqual(allExtensions.filter((e) => e.available).map((e) => e.extension));
  });

  it("are the enhanced-resolve options dependency-cruiser builds for graph.ts's cruise", async () => {
    const normalize = await dependencyCruiserNormalize();
    const tsconfigFile = path.join(FIXTURES, "resolution-paths-baseurl/tsconfig.json");
    const alias = { "@acme/core$": "/repo/core/src/index.ts", "@acme/core": "/repo/core" };
    const cruiseOptions = { tsPreCompilationDeps: true, tsConfig: { fileName: tsconfigFile } };
    for (const baseUrl of ["/some/base", undefined]) {
      const theirs = await normalize({ alias }, cruiseOptions, { options: { baseUrl } });
      const ours = resolveOptions({ tsconfigFile, baseUrl, alias }, createFileSystem());
      // The one difference: their CachedInputFileSystem behind enhanced-resolve's sync decorator,
      // ours a file system whose callbacks run synchronously (fast-fs.test.ts).
      const { plugins: theirPlugins, fileSystem: _theirFs, useSyncFileSystemCalls: theirSync, ...theirRest } = theirs;
      const { plugins: ourPlugins, fileSystem: _ourFs, useSyncFileSystemCalls: ourSync, ...ourRest } = ours;
      expect([theirSync, ourSync]).toEqual([true, false]);
      // Keys enhanced-resolve does not read (tsConfig, combinedDependencies, resolveLicenses, ...) aside:
      const read = Object.fromEntries(Object.entries(theirRest).filter(([k]) => k in ourRest));
      expect(ourRest).toEqual(read);
      expect(Object.keys(theirRest).filter((k) => !(k in ourRest)).sort()).toEqual(["combinedDependencies", "resolveDeprecations", "resolveLicenses", "tsConfig"]);
      // The tsconfig plugin is built from the same options: compare what it derived from them.
      expect(ourPlugins).toHaveLength(1);
      expect(pluginState(ourPlugins?.[0])).toEqual(pluginState(theirPlugins?.[0]));
    }
  });

  it("add no tsconfig plugin for a group without baseUrl or paths", () => {
    expect(resolveOptions({ tsconfigFile: null, baseUrl: undefined, alias: {} }, createFileSystem()).plugins).toEqual([]);
  });
});

describe("ModuleResolver", () => {
  const resolver = resolverFor(kinds);
  const resolve = (specifier: string, from = "src/index.ts") => resolver.resolve(from, specifier);

  it("treats node built-ins as core modules, with or without node:", () => {
    for (const specifier of ["fs", "node:fs", "node:path", "node:test", "fs/promises"]) {
      expect(resolve(specifier)).toMatchObject({ resolved: null, coreModule: true });
    }
    expect(resolve("node:test").module).toBe("node:test"); // protocol-only built-ins keep it
    expect(resolve("node:fs").module).toBe("fs");
  });

  it("maps an import written with .js / .mjs / .cjs to its TypeScript file", () => {
    expect(resolve("./a.js").resolved).toBe("src/a.ts");
    expect(resolve("./b.mjs").resolved).toBe("src/b.mts");
    expect(resolve("./c.cjs").resolved).toBe("src/c.cts");
  });

  it("prefers a real .js over its .d.ts, as dependency-cruiser does", () => {
    expect(resolve("./legacy/lib.js").resolved).toBe("src/legacy/lib.js");
    expect(resolve("./legacy/lib").resolved).toBe("src/legacy/lib.js");
  });

  it("resolves index files, package.json main of a local directory and package.json imports", () => {
    expect(resolve("./e").resolved).toBe("src/e/index.ts");
    expect(resolve("./local-pkg").resolved).toBe("src/local-pkg/lib/entry.ts");
    expect(resolve("#lib/helper").resolved).toBe("src/lib/helper.ts");
  });

  it("strips query strings and webpack loaders; no .js retry once a query follows the extension", () => {
    expect(resolve("./a?raw").resolved).toBe("src/a.ts");
    expect(resolve("raw-loader!./a").resolved).toBe("src/a.ts");
    expect(resolve("./b.mjs?raw").resolved).toBeNull();
  });

  it("answers null for what cannot be resolved, JSON files included as files", () => {
    expect(resolve("./gone.js")).toEqual({ module: "./gone.js", resolved: null, coreModule: false });
    expect(resolve("left-pad")).toMatchObject({ resolved: null, coreModule: false });
    expect(resolve("./data.json").resolved).toBe("src/data.json");
  });

  it("caches per directory and specifier", () => {
    expect(resolve("./a.js", "src/lazy.ts")).toBe(resolve("./a.js", "src/index.ts"));
    expect(resolve("../a.js", "src/lib/helper.ts").resolved).toBe("src/a.ts");
  });

  it("resolves tsconfig paths with several targets through the tsconfig plugin", () => {
    const root = path.join(FIXTURES, "resolution-paths-baseurl");
    const withPaths = resolverFor(root, path.join(root, "tsconfig.json"), root);
    expect(withPaths.resolve("src/app.ts", "@shared/format").resolved).toBe("src/shared/format.ts");
    expect(withPaths.resolve("src/app.ts", "@shared/legacy.js").resolved).toBe("src/fallback/legacy.ts");
    expect(withPaths.resolve("src/app.ts", "@config").resolved).toBe("src/config/index.ts");
    expect(withPaths.resolve("src/app.ts", "src/util/math").resolved).toBe("src/util/math.ts");
  });
});
