// dependency-cruiser's dependencyTypes for an edge of the fast graph, best effort: the alias
// kinds (resolve/module-classifiers.mjs getAliasTypes), "local", and the kind of import. The
// core does not rely on kinds; they keep ModuleEdge.kinds speaking dependency-cruiser's words.
import path from "node:path";
import picomatch from "picomatch";
import type { Manifest } from "./fast-manifests.js";
import type { ScannedImport } from "./fast-scan.js";

export interface AliasContext {
  /** enhanced-resolve alias keys (workspaces.ts), e.g. `@acme/core$` and `@acme/core`. */
  aliasKeys: string[];
  /** The group tsconfig's absolute baseUrl, if any. */
  baseUrl: string | undefined;
  /** The group tsconfig's `paths` keys as dependency-cruiser matches them (pathKeyPattern). */
  pathPatterns: RegExp[];
  /** With a baseUrl: the names (first segment, no extension) of what lies under it, for telling a baseUrl import from a package. */
  baseUrlNames?: Set<string>;
}

/** dependency-cruiser turns each `paths` key into a regex as is: `*` -> `.+`, nothing escaped. */
export const pathKeyPattern = (key: string): RegExp => new RegExp(`^${key.replaceAll("*", ".+")}$`);

const isRelative = (m: string): boolean => m.startsWith("./") || m.startsWith("../") || m === "." || m === "..";

// utl/get-extension.mjs: `.d.ts` and friends count as one extension.
function stripExtension(p: string): string {
  const ext = /\.d\.[cm]?ts$/.exec(p)?.[0] ?? path.posix.extname(p);
  return ext ? p.slice(0, -ext.length) : p;
}

const stripIndex = (p: string): string => (p.endsWith("/index") ? p.slice(0, -"/index".length) : p);

function matchesBaseUrl(module: string, resolved: string, baseUrl: string | undefined): boolean {
  if (!baseUrl || module === resolved) return false;
  return stripIndex(stripExtension(path.posix.join(baseUrl, module))).endsWith(stripIndex(stripExtension(resolved)));
}

/** module-classifiers.mjs getWorkspacesArray: `workspaces` as an array, or yarn's `{ packages }`. */
function workspaceGlobs(manifest: Manifest | null): string[] {
  const field = manifest?.workspaces as unknown;
  const list = Array.isArray(field) ? field : Array.isArray((field as { packages?: unknown } | undefined)?.packages) ? (field as { packages: unknown[] }).packages : [];
  // Each glob names a workspace folder: `/**` makes it match what lies inside (isWorkspaceAliased).
  return list.filter((g): g is string => typeof g === "string").map((g) => (g.endsWith("/") ? `${g}**` : `${g}/**`));
}

const workspaceMatchers = new WeakMap<Manifest, (resolved: string) => boolean>();

/** isWorkspaceAliased: the import resolved into a workspace folder that the importer's nearest manifest declares. */
function inDeclaredWorkspace(resolved: string, manifest: Manifest | null): boolean {
  if (manifest === null) return false;
  let matches = workspaceMatchers.get(manifest);
  if (!matches) {
    const globs = workspaceGlobs(manifest);
    matches = globs.length > 0 ? picomatch(globs) : () => false;
    workspaceMatchers.set(manifest, matches);
  }
  return matches(resolved);
}

/**
 * getAliasTypes. Our resolver reaches workspace packages through enhanced-resolve aliases
 * (workspaces.ts), where dependency-cruiser, run on an installed tree, follows their node_modules
 * links: so no "aliased-webpack", and "aliased-workspace" only when the importer's nearest
 * package.json (`manifest`, resolve/get-manifest.mjs) declares the workspace the target is in.
 */
export function aliasKinds(module: string, resolved: string, context: AliasContext, manifest: Manifest | null = null): string[] {
  if (isRelative(module)) return [];
  if (matchesBaseUrl(module, resolved, context.baseUrl)) return ["aliased", "aliased-tsconfig", "aliased-tsconfig-base-url"];
  if (context.pathPatterns.some((pattern) => pattern.test(module))) {
    return ["aliased", "aliased-tsconfig", "aliased-tsconfig-paths"];
  }
  // A `#x` specifier that resolved went through a package.json `imports` field.
  if (module.startsWith("#")) return ["aliased", "aliased-subpath-import"];
  if (inDeclaredWorkspace(resolved, manifest)) return ["aliased", "aliased-workspace"];
  return [];
}

/** The extraction kinds dependency-cruiser's TypeScript extractor gives this site. */
export function siteKinds(site: ScannedImport): string[] {
  switch (site.kind) {
    case "import":
    case "export":
      return site.typeOnly ? ["type-only", site.kind] : [site.kind];
    case "import-type":
      if (site.directive === "path") return ["triple-slash-directive", "triple-slash-file-reference"];
      if (site.directive === "types") return ["triple-slash-directive", "triple-slash-type-reference"];
      return ["type-import"];
    case "require":
      return site.exotic !== undefined ? ["exotic-require"] : ["require"];
    default:
      return [site.kind]; // dynamic-import, import-equals
  }
}

/** The kinds of how `module` reached `resolved`, a file of the repository: alias kinds and place. */
export function targetKinds(module: string, resolved: string, context: AliasContext, manifest: Manifest | null = null): string[] {
  const aliases = aliasKinds(module, resolved, context, manifest);
  // Files of the repository are never under node_modules: relative or aliased means "local".
  return [...aliases, isRelative(module) || aliases.length > 0 ? "local" : "undetermined"];
}
