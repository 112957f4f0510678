// Imports that lead to no analysed module, described as dependency-cruiser would describe them
// with the repository's packages INSTALLED (we never install a reviewed tree): built-ins are
// `core`, bare package imports get the npm dependency types of the nearest package.json and a
// would-be `node_modules/<package>/...` path, non-source files keep their repo path, and
// local-looking specifiers that found nothing are `couldNotResolve` (resolve/determine-dependency-types.mjs).
import path from "node:path";
import type { ExternalImport } from "../core/model.js";
import { aliasKinds, siteKinds, type AliasContext } from "./fast-kinds.js";
import { npmDependencyTypes, packageRootOf, typesOnlyPackage, type Manifest, type ManifestReader } from "./fast-manifests.js";
import type { Resolution } from "./fast-resolve.js";
import type { ScannedImport } from "./fast-scan.js";

/** What describing one file's external imports needs beyond the resolution. */
export interface ExternalContext {
  alias: AliasContext;
  manifests: ManifestReader;
}

const isRelative = (m: string): boolean => m.startsWith("./") || m.startsWith("../") || m === "." || m === "..";

/** module-classifiers.mjs isExternalModule with the default `modules` (node_modules, node_modules/@types). */
const inNodeModules = (resolved: string): boolean => resolved.includes("node_modules");

/**
 * A specifier that names something of the repository, not a package: relative, `#` subpath
 * imports, tsconfig `paths`, a folder under the baseUrl, workspace packages, or the importing package's or the repository's own name (which
 * dependency-cruiser's default resolve options, without `exports`, cannot resolve either).
 */
export function isLocalLooking(module: string, from: string, context: ExternalContext): boolean {
  if (isRelative(module) || module.startsWith("#") || module.startsWith("/")) return true;
  if (context.alias.aliasKeys.some((key) => module === key.replace(/\$$/, "") || module.startsWith(`${key.replace(/\$$/, "")}/`))) return true;
  if (context.alias.pathPatterns.some((pattern) => pattern.test(module))) return true;
  // `components/missing` under a baseUrl holding `components/`: a file of ours that is not there.
  if (module.includes("/") && context.alias.baseUrlNames?.has(module.split("/")[0] as string)) return true;
  // The importing package's and the repository's own names: never installed as packages.
  const owners = [context.manifests.nearest(from)?.name, context.manifests.nearest("package.json")?.name];
  return owners.some((own) => typeof own === "string" && packageRootOf(module) === own);
}

/**
 * Where the package would resolve once installed: its index.js, or the subpath (`.js` added when it
 * names no file type); a package declared only as `@types/x` resolves to its types (node_modules/@types/x/index.d.ts).
 */
export function wouldBePackagePath(module: string, manifest: Manifest | null = null): string {
  const root = packageRootOf(module);
  if (typesOnlyPackage(module, manifest)) return module === root ? `node_modules/@types/${root}/index.d.ts` : `node_modules/@types/${module}.d.ts`;
  if (module === root) return `node_modules/${root}/index.js`;
  const sub = module.slice(root.length + 1).replace(/[?#].*$/, "");
  return `node_modules/${root}/${sub}${path.posix.extname(sub) === "" ? ".js" : ""}`;
}

interface Described {
  resolved: string;
  /** dependencyTypes without the site's own kinds (import, require...). */
  targetTypes: string[];
  coreModule: boolean;
  couldNotResolve: boolean;
}

/** determineDependencyTypes for a resolution that is no analysed module. */
export function describeExternal(from: string, resolution: Resolution, context: ExternalContext): Described {
  const { module, resolved } = resolution;
  if (resolution.coreModule) return { resolved: module, targetTypes: [...aliasKinds(module, module, context.alias, context.manifests.nearest(from)), "core"], coreModule: true, couldNotResolve: false };
  if (resolved === null) {
    if (isLocalLooking(module, from, context)) return { resolved: module, targetTypes: ["unknown"], coreModule: false, couldNotResolve: true };
    const manifest = context.manifests.nearest(from);
    return { resolved: wouldBePackagePath(module, manifest), targetTypes: npmDependencyTypes(module, manifest), coreModule: false, couldNotResolve: false };
  }
  const aliases = aliasKinds(module, resolved, context.alias, context.manifests.nearest(from));
  const external = inNodeModules(resolved);
  let place: string[];
  if (isRelative(module) || (aliases.length > 0 && !external)) place = ["local"];
  else if (external) place = npmDependencyTypes(module, context.manifests.nearest(from));
  else place = ["undetermined"];
  return { resolved, targetTypes: [...aliases, ...place], coreModule: false, couldNotResolve: false };
}

/** One ExternalImport per (from, resolved), merged over its sites like edges are (fast-graph.ts mergeSites). */
export function mergeExternal(from: string, described: Described, sites: ScannedImport[]): ExternalImport {
  const byLine = [...sites].sort((a, b) => a.line - b.line);
  const shown = byLine.find((s) => !s.typeOnly) ?? (byLine[0] as ScannedImport);
  const kinds = described.couldNotResolve ? [] : byLine.flatMap(siteKinds);
  return {
    from,
    specifier: shown.specifier,
    line: shown.line,
    resolved: described.resolved,
    dependencyTypes: [...new Set([...described.targetTypes, ...kinds])],
    coreModule: described.coreModule,
    couldNotResolve: described.couldNotResolve,
    dynamic: byLine.every((s) => s.kind === "dynamic-import"),
    typeOnly: byLine.every((s) => s.typeOnly),
  };
}

export function compareExternal(a: ExternalImport, b: ExternalImport): number {
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  if (a.line !== b.line) return (a.line ?? 0) - (b.line ?? 0);
  return a.resolved < b.resolved ? -1 : a.resolved > b.resolved ? 1 : 0;
}
