// The nearest package.json of a file, as dependency-cruiser's resolve/get-manifest.mjs finds it
// (without combinedDependencies): the closest one up the tree; one that does not parse stops the walk.
import path from "node:path";
import { readTreeFileSync, SUPPORT_FILE_MAX_BYTES, TreeFileRefusedError } from "./tree-file.js";
import type { TreeView } from "./tree-source.js";

export type Manifest = Record<string, unknown>;

/** Manifests of one tree, read once each; only files the listing has are read. */
export class ManifestReader {
  private readonly byDirectory = new Map<string, Manifest | null>();
  private readonly listed: Set<string>;

  constructor(
    private readonly root: string,
    allFiles: readonly string[],
    /** A tree not on disk (git objects): manifests are read from it, not through node:fs. */
    private readonly view: TreeView | null = null,
  ) {
    this.listed = new Set(allFiles.filter((f) => f === "package.json" || f.endsWith("/package.json")));
  }

  /** The manifest governing the repo-relative file `file`; null when there is none (or it does not parse). */
  nearest(file: string): Manifest | null {
    return this.atOrAbove(path.posix.dirname(file));
  }

  private atOrAbove(dir: string): Manifest | null {
    const known = this.byDirectory.get(dir);
    if (known !== undefined) return known;
    const file = dir === "." || dir === "" ? "package.json" : `${dir}/package.json`;
    let found: Manifest | null;
    if (this.listed.has(file)) found = this.read(file);
    else found = dir === "." || dir === "" ? null : this.atOrAbove(path.posix.dirname(dir));
    this.byDirectory.set(dir, found);
    return found;
  }

  private read(file: string): Manifest | null {
    try {
      const bytes = this.view ? this.view.readSync(path.join(this.root, file), SUPPORT_FILE_MAX_BYTES) : readTreeFileSync(this.root, file, { maxBytes: SUPPORT_FILE_MAX_BYTES });
      const value: unknown = JSON.parse(bytes?.toString("utf8") ?? "null");
      return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Manifest) : null;
    } catch (error) {
      if (error instanceof TreeFileRefusedError || error instanceof SyntaxError) return null;
      throw error;
    }
  }
}

const NPM_DEPENDENCY_TYPES: Record<string, string> = {
  dependencies: "npm",
  devDependencies: "npm-dev",
  optionalDependencies: "npm-optional",
  peerDependencies: "npm-peer",
};

/** resolve/external-module-helpers.mjs getPackageRoot: `@scope/pkg/x` -> `@scope/pkg`, `pkg/x` -> `pkg`. */
export function packageRootOf(module: string): string {
  const parts = module.split("/");
  return module.startsWith("@") && parts.length > 1 ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

function declaredIn(manifest: Manifest, name: string): string[] {
  return Object.keys(manifest)
    .filter((key) => key.includes("ependencies"))
    .filter((key) => {
      const deps = manifest[key];
      return deps !== null && typeof deps === "object" && Object.hasOwn(deps, name);
    })
    .map((key) => NPM_DEPENDENCY_TYPES[key] ?? "npm-no-pkg");
}

/** A package the manifest declares only through its `@types/` twin: installed, only its types are there. */
export function typesOnlyPackage(module: string, manifest: Manifest | null): boolean {
  if (manifest === null) return false;
  const name = packageRootOf(module);
  return !name.startsWith("@") && declaredIn(manifest, name).length === 0 && declaredIn(manifest, `@types/${name}`).length > 0;
}

/**
 * resolve/determine-dependency-types.mjs determineManifestDependencyTypes: where the package is
 * declared (its `@types/` twin when it is not), `npm-no-pkg` when nowhere, `npm-unknown` without a manifest.
 */
export function npmDependencyTypes(module: string, manifest: Manifest | null): string[] {
  if (manifest === null) return ["npm-unknown"];
  const name = packageRootOf(module);
  let types = declaredIn(manifest, name);
  if (types.length === 0) types = declaredIn(manifest, path.posix.join("@types", name));
  if (types.length === 0) types = ["npm-no-pkg"];
  // dependencyIsBundled: the module as written, in bundle(d)Dependencies.
  const bundled = manifest.bundledDependencies ?? manifest.bundleDependencies;
  return Array.isArray(bundled) && bundled.includes(module) ? [...types, "npm-bundled"] : types;
}
