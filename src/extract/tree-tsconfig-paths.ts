// TsconfigPathsPlugin for a tree not on disk: the plugin loads its tsconfig through node:fs in its
// constructor (tsconfig-paths 4.2 `loadConfig`), which cannot see git objects. This builds the same
// plugin state from the same loader (`loadTsconfig`, whose file access is injectable), reading the
// tree's view instead. Trees on disk keep the plugin's own constructor.
import path from "node:path";
// Static imports, which bundlers follow: the worker bundle (.ci/build-worker.mjs) inlines the one copy the
// plugin uses too, and the Action's bundle, run with no node_modules, holds it at all (a createRequire did not).
import { createMatchPathAsync } from "tsconfig-paths";
import { loadTsconfig } from "tsconfig-paths/lib/tsconfig-loader.js";
import { TsconfigPathsPlugin } from "tsconfig-paths-webpack-plugin";
import { SUPPORT_FILE_MAX_BYTES } from "./tree-file.js";
import type { TreeView } from "./tree-source.js";

const silent = { log: () => undefined, logInfo: () => undefined, logWarning: () => undefined, logError: () => undefined };

export interface TreePathsOptions {
  configFile: string;
  /** As given to the plugin: dependency-cruiser's "./" when the tsconfig has no baseUrl. */
  baseUrl: string | undefined;
  extensions: string[];
}

/** The plugin as `new TsconfigPathsPlugin(options)` builds it, its tsconfig read from `view`. */
export function treeTsconfigPathsPlugin(options: TreePathsOptions, view: TreeView): TsconfigPathsPlugin {
  const exists = (file: string): boolean => view.kindOf(file) !== undefined;
  const read = (file: string): string => {
    const bytes = view.readSync(file, SUPPORT_FILE_MAX_BYTES);
    if (bytes === null) throw Object.assign(new Error(`ENOENT: ${file}`), { code: "ENOENT" });
    return bytes.toString("utf8");
  };
  // tsconfig-paths' loadSyncDefault + configLoader, then the plugin's constructor.
  const config = loadTsconfig(options.configFile, exists, read);
  const baseUrl = config?.compilerOptions?.baseUrl;
  const paths = config?.compilerOptions?.paths ?? {};
  const absoluteBaseUrl = options.baseUrl ? path.resolve(options.baseUrl) : path.resolve(path.dirname(options.configFile), baseUrl || "");
  const plugin = Object.create(TsconfigPathsPlugin.prototype) as TsconfigPathsPlugin;
  Object.assign(plugin, {
    source: "described-resolve",
    target: "resolve",
    extensions: options.extensions,
    referenceMatchMap: {},
    log: silent,
    baseUrl: options.baseUrl || baseUrl,
    absoluteBaseUrl,
    matchPath: createMatchPathAsync(absoluteBaseUrl, paths, ["main"]),
  });
  return plugin;
}
