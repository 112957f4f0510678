// `archreview init`, part one: boundaries proposed from a repository's folders alone (pure).
// Workspace packages first, then the folders of each source root; layer names found deeper
// (src/users/domain, src/orders/domain) become one boundary per layer across features.
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import type { BoundaryDefinition } from "./types.js";

/** Folder names that are layers in most layered or hexagonal code bases. */
export const LAYER_NAMES: readonly string[] = ["domain", "application", "infrastructure", "ui", "api", "adapters", "ports", "presentation", "core", "shared"];

const SOURCE_ROOTS = ["src", "lib", "app"];
/** Top-level folders that hold no production code of their own. */
const NOT_SOURCE = new Set(["test", "tests", "__tests__", "spec", "docs", "doc", "scripts", "dist", "build", "out", "coverage", "bench", "benchmarks", "examples", "fixtures", "node_modules", "vendor", "tmp"]);
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

export interface ProposedBoundary extends BoundaryDefinition {
  /** Why it was proposed: `workspace package`, `folder under src`, `layer`. */
  origin: string;
}

export interface RepositoryFiles {
  /** Every file at HEAD, repo-relative POSIX paths. */
  files: string[];
  /** The root package.json's text, when there is one. */
  packageJson: string | null;
  /** pnpm-workspace.yaml's text, when there is one. */
  pnpmWorkspace: string | null;
}

const isSource = (file: string): boolean => SOURCE_FILE.test(file) && !file.endsWith(".d.ts");
const baseName = (dir: string): string => dir.slice(dir.lastIndexOf("/") + 1);

/** The `workspaces` globs of package.json (array or `{ packages }`) and pnpm-workspace.yaml. */
export function workspaceGlobs(repo: Pick<RepositoryFiles, "packageJson" | "pnpmWorkspace">): string[] {
  const globs: string[] = [];
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
  try {
    const pkg = repo.packageJson ? (JSON.parse(repo.packageJson) as { workspaces?: unknown }) : {};
    const ws = pkg.workspaces;
    globs.push(...strings(Array.isArray(ws) ? ws : (ws as { packages?: unknown } | undefined)?.packages));
  } catch {
    // An unreadable package.json proposes no workspace packages; the folders still count.
  }
  try {
    globs.push(...strings((parseYaml(repo.pnpmWorkspace ?? "") as { packages?: unknown } | null)?.packages));
  } catch {
    // Likewise for pnpm-workspace.yaml.
  }
  return globs.filter((g) => !g.startsWith("!")).map((g) => g.replace(/^\.\//, "").replace(/\/$/, ""));
}

/** Folders holding a package.json that a workspace glob names (packages/* by convention when none does). */
function workspacePackages(repo: RepositoryFiles): string[] {
  const globs = workspaceGlobs(repo);
  const matches = picomatch(globs.length > 0 ? globs : ["packages/*", "apps/*", "libs/*"]);
  const dirs = repo.files.filter((f) => f.endsWith("/package.json")).map((f) => f.slice(0, -"/package.json".length));
  return dirs.filter((d) => matches(d)).sort();
}

/** Immediate sub-folders of `dir` that hold source files, in name order. */
function sourceFolders(files: string[], dir: string): string[] {
  const prefix = dir === "" ? "" : `${dir}/`;
  const folders = new Set<string>();
  for (const file of files) {
    if (!file.startsWith(prefix) || !isSource(file)) continue;
    const rest = file.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash > 0) folders.add(rest.slice(0, slash));
  }
  return [...folders].sort();
}

/** Layer names that appear one level below the root's folders (src/<feature>/<layer>). */
function nestedLayers(files: string[], root: string): string[] {
  const found = new Set<string>();
  for (const feature of sourceFolders(files, root)) {
    for (const inner of sourceFolders(files, `${root}/${feature}`)) if (LAYER_NAMES.includes(inner)) found.add(inner);
  }
  return LAYER_NAMES.filter((l) => found.has(l));
}

function foldersOfRoot(files: string[], root: string): ProposedBoundary[] {
  const top = sourceFolders(files, root);
  const layers = top.some((f) => LAYER_NAMES.includes(f)) ? [] : nestedLayers(files, root);
  // Feature folders each cut through every layer: the layers are the boundaries worth guarding.
  if (layers.length >= 2) return layers.map((l) => ({ name: l, patterns: [`${root}/**/${l}/**`], origin: `layer folders under ${root}/` }));
  return top.map((f) => ({ name: f, patterns: [`${root}/${f}/**`], origin: `folder under ${root}/` }));
}

/** Source roots outside the workspace packages: src/, lib/, app/, or else the top-level source folders. */
function rootBoundaries(files: string[]): ProposedBoundary[] {
  const roots = SOURCE_ROOTS.filter((r) => sourceFolders(files, r).length > 0);
  if (roots.length > 0) return roots.flatMap((r) => foldersOfRoot(files, r));
  const top = sourceFolders(files, "").filter((f) => !NOT_SOURCE.has(f) && !f.startsWith("."));
  return top.map((f) => ({ name: f, patterns: [`${f}/**`], origin: "top-level folder" }));
}

/** Unique names: a clash takes its folder's parent as a prefix, then a number. */
function uniqueNames(boundaries: ProposedBoundary[]): ProposedBoundary[] {
  const taken = new Set<string>();
  return boundaries.map((b) => {
    const parent = baseName((b.patterns[0] ?? "").split("/").slice(0, -2).join("/"));
    let name = b.name;
    if (taken.has(name) && parent) name = `${parent}-${b.name}`;
    for (let n = 2; taken.has(name); n++) name = `${b.name}-${n}`;
    taken.add(name);
    return { ...b, name };
  });
}

/** The proposed boundaries, in declaration order (a file belongs to the first that matches). */
export function proposeBoundaries(repo: RepositoryFiles): ProposedBoundary[] {
  const packages = workspacePackages(repo);
  const inPackage = (file: string): boolean => packages.some((p) => file.startsWith(`${p}/`));
  const outside = repo.files.filter((f) => !inPackage(f));
  const fromPackages = packages.map((p) => ({ name: baseName(p), patterns: [`${p}/**`], origin: "workspace package" }));
  return uniqueNames([...rootBoundaries(outside), ...fromPackages]);
}
