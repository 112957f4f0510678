// Resolves import specifiers to files exactly as dependency-cruiser 17.4 does for the cruise
// options of depcruise-run.ts (one resolver per tsconfig group, workspace aliases, tsPreCompilationDeps),
// so the fast graph has the same edges. Each step names the dependency-cruiser code it mirrors.
import { isBuiltin } from "node:module";
import path from "node:path";
import enhancedResolve from "enhanced-resolve";
import { TsconfigPathsPlugin } from "tsconfig-paths-webpack-plugin";
import { SnapshotFileSystem } from "./fast-fs.js";
import { resolvePlainRelative } from "./fast-relative.js";
import type { TreeView } from "./tree-source.js";
import { treeTsconfigPathsPlugin } from "./tree-tsconfig-paths.js";

/**
 * dependency-cruiser's src/extract/transpile/meta.mjs `scannableExtensions` with only TypeScript installed (no swc,
 * vue, svelte, coffee or livescript): their order is enhanced-resolve's order of trying them.
 */
export const SCANNABLE_EXTENSIONS = [".js", ".cjs", ".mjs", ".jsx", ".ts", ".tsx", ".d.ts", ".cts", ".d.cts", ".mts", ".d.mts"];

export interface ResolverSettings {
  /** Absolute tsconfig.json whose `paths` apply, or null (no tsconfig plugin at all, as in depcruise-run.ts). */
  tsconfigFile: string | null;
  /** The parsed tsconfig's `compilerOptions.baseUrl` (absolute), if it has one. */
  baseUrl: string | undefined;
  /** Absolute directory `paths` are relative to without a baseUrl: the tsconfig that declares them. */
  pathsBase?: string | undefined;
  /** workspaces.ts `workspaceAliases`. */
  alias: Record<string, string | string[]>;
}

export type ResolveOptions = enhancedResolve.ResolveOptions;

/**
 * resolve-options/normalize.mjs: DEFAULT_RESOLVE_OPTIONS, the TsConfigPathsPlugin and our alias.
 * One difference: dependency-cruiser reads through a CachedInputFileSystem with
 * `useSyncFileSystemCalls`; ours (fast-fs.ts) calls back synchronously itself, same answers.
 */
export function resolveOptions(settings: ResolverSettings, fileSystem: SnapshotFileSystem): ResolveOptions {
  const plugins: ResolveOptions["plugins"] = [];
  if (settings.tsconfigFile) {
    const pluginOptions = {
      configFile: settings.tsconfigFile,
      // dependency-cruiser passes "./" without a baseUrl, which the plugin resolves against
      // process.cwd(): right only when run from the tsconfig's directory. We pass that directory.
      baseUrl: settings.baseUrl ? undefined : (settings.pathsBase ?? "./"),
      extensions: SCANNABLE_EXTENSIONS,
    };
    // A tree of git objects: the plugin's constructor would read the tsconfig from disk.
    const plugin = fileSystem.view ? treeTsconfigPathsPlugin(pluginOptions, fileSystem.view) : new TsconfigPathsPlugin(pluginOptions);
    plugins.push(plugin as unknown as enhancedResolve.Plugin);
  }
  return {
    symlinks: true,
    extensions: SCANNABLE_EXTENSIONS,
    modules: ["node_modules", "node_modules/@types"],
    exportsFields: [], // dependency-cruiser ignores package.json `exports` (its issue #338)
    alias: settings.alias,
    plugins,
    fileSystem: fileSystem as unknown as enhancedResolve.FileSystem,
    useSyncFileSystemCalls: false,
  };
}

/**
 * One per graph build: dependency-cruiser forgets file-system answers after 4 s; a snapshot does
 * not change while we read it, so the fast graph keeps them until the build is done. `root`: the
 * tree, out of which no file is read through a link.
 */
export function createFileSystem(root: string | null = null, view: TreeView | null = null): SnapshotFileSystem {
  return new SnapshotFileSystem(undefined, root, view);
}

export interface Resolution {
  /** The specifier dependency-cruiser resolves: protocol canonicalised, webpack loaders (`x!`) stripped. */
  module: string;
  /** Repo-relative POSIX path of the target file; null for a core module or when it could not resolve. */
  resolved: string | null;
  coreModule: boolean;
}

// extract/helpers.mjs extractModuleAttributes: `node:fs` -> `fs`, except protocol-only built-ins.
const PROTOCOL = /^(?<protocol>node:|file:|data:|bun:)(?:(?<mimeType>[^,]+),)?(?<module>.+)$/;
const PROTOCOL_ONLY_BUILTINS = new Set(["node:sea", "node:sqlite", "node:test", "node:test/reporters", "bun:ffi", "bun:jsc", "bun:sqlite", "bun:test", "bun:wrap"]);

function canonicalModule(specifier: string): string {
  const groups = PROTOCOL.exec(specifier)?.groups;
  if (!groups) return specifier;
  const withProtocol = `${groups.protocol}${groups.module}`;
  const jsProtocol = groups.protocol === "node:" || groups.protocol === "bun:";
  return jsProtocol && !PROTOCOL_ONLY_BUILTINS.has(withProtocol) ? (groups.module as string) : withProtocol;
}

/** The name dependency-cruiser resolves: extract-dependencies.mjs canonicalises, resolve-helpers.mjs drops webpack loaders. */
export function moduleNameOf(specifier: string): string {
  return canonicalModule(specifier).split("!").pop() as string;
}

const isRelative = (m: string): boolean => m.startsWith("./") || m.startsWith("../") || m === "." || m === "..";

/** What a request means within one lookup scope: a relative one the path it joins to, a bare one its name. */
function requestKey(lookupDir: string, module: string): string {
  if (!isRelative(module)) return module;
  // A query or fragment is no path segment: `./a?x=../b` must not join to `b`.
  if (module.includes("?") || module.includes("#")) return `${lookupDir}\u0000${module}`;
  return path.join(lookupDir, module);
}

/** resolve/index.mjs: extensions a `.js`-style import may stand for, when the .js file is missing. */
const TS_VARIANT_OF = new Set([".js", ".jsx", ".mjs", ".cjs"]);
const TYPESCRIPT_ISH = new Set([".ts", ".tsx", ".cts", ".mts"]);

/** One tsconfig group's resolver; answers are cached per (directory, specifier) and per request. */
export class ModuleResolver {
  private readonly resolver: enhancedResolve.Resolver;
  private readonly byDirectory = new Map<string, Resolution>();
  private readonly byRequest = new Map<string, Resolution>();
  /** An alias key read as a path (`./x`) could catch a relative request: then enhanced-resolve answers all. */
  private readonly relativeByListing: boolean;

  constructor(
    private readonly root: string,
    settings: ResolverSettings,
    private readonly fileSystem: SnapshotFileSystem,
  ) {
    this.resolver = enhancedResolve.ResolverFactory.createResolver(resolveOptions(settings, fileSystem));
    this.relativeByListing = Object.keys(settings.alias).every((key) => !key.startsWith("."));
  }

  /** Resolves `specifier` as written in the repo-relative file `fromFile`. */
  resolve(fromFile: string, specifier: string): Resolution {
    const dir = path.posix.dirname(fromFile);
    const key = `${dir}\u0000${specifier}`;
    let answer = this.byDirectory.get(key);
    if (answer === undefined) {
      answer = this.resolveRequest(path.join(this.root, dir), moduleNameOf(specifier));
      this.byDirectory.set(key, answer);
    }
    return answer;
  }

  // `../a` from src/x and `./a` from src share a request, and so does `@app/a` from any two
  // directories of one lookup scope (fast-fs.ts): one enhanced-resolve run answers all of them.
  private resolveRequest(lookupDir: string, module: string): Resolution {
    const scope = this.fileSystem.lookupScope(lookupDir, module.startsWith("#"));
    if (scope === null) return this.resolveUncached(lookupDir, module);
    const key = `${requestKey(lookupDir, module)}\u0000${scope}`;
    let answer = this.byRequest.get(key);
    if (answer === undefined) {
      answer = this.resolveUncached(lookupDir, module);
      this.byRequest.set(key, answer);
    }
    return answer;
  }

  private resolveUncached(lookupDir: string, module: string): Resolution {
    if (isBuiltin(module) || module.startsWith("bun:")) return { module, resolved: null, coreModule: true };
    let resolved = this.resolveFile(lookupDir, module);
    // resolve/index.mjs resolveWithRetry: tsc lets `./a.js` mean a.ts / a.tsx / a.d.ts (`.mjs` a.mts,
    // `.cjs` a.cts). dependency-cruiser retries without the extension and keeps a TypeScript-ish
    // answer. Its retry asks for fewer extensions, but its resolver is built once per cruise with
    // the first options it sees, so the retry in fact uses all of them: so do we.
    if (resolved === null && TS_VARIANT_OF.has(path.extname(module))) {
      const bare = module.replace(/\.(js|jsx|cjs|mjs)$/, "");
      if (!isBuiltin(bare) && !bare.startsWith("bun:")) {
        const candidate = this.resolveFile(lookupDir, bare);
        if (candidate !== null && TYPESCRIPT_ISH.has(path.extname(candidate))) resolved = candidate;
      }
    }
    return { module, resolved, coreModule: false };
  }

  /** resolve/resolve.mjs + resolve-cjs.mjs: enhanced-resolve, query stripped, relative to the root. */
  private resolveFile(lookupDir: string, module: string): string | null {
    const listed = this.relativeByListing ? resolvePlainRelative(this.fileSystem, lookupDir, module, SCANNABLE_EXTENSIONS) : undefined;
    const absolute = listed === undefined ? this.enhancedResolve(lookupDir, module) : listed;
    if (absolute === null) return null;
    const relative = path.relative(this.root, absolute.replace(/\?.+$/, ""));
    // enhanced-resolve escapes `#` as `\0#`; resolve/index.mjs undoes it.
    return relative.split(path.sep).join(path.posix.sep).replaceAll("\u0000#", "#");
  }

  private enhancedResolve(lookupDir: string, module: string): string | null {
    try {
      // false: an alias to `false`, on which dependency-cruiser's `.replace` throws: unresolved too.
      return this.resolver.resolveSync({}, lookupDir, module) || null;
    } catch {
      return null; // dependency-cruiser: couldNotResolve
    }
  }
}
