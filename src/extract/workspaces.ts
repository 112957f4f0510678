// npm / yarn / pnpm workspaces, resolved to their source (we never install the reviewed repo,
// so node_modules links do not exist): an enhanced-resolve alias per workspace package.
import path from "node:path";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { SUPPORT_FILE_MAX_BYTES } from "./tree-file.js";
import { treeSourceOf, type TreeSource } from "./tree-source.js";

/** A tree file's text, null when missing; refusals reject. */
const readText = async (tree: TreeSource, file: string): Promise<string | null> => (await tree.read(file, SUPPORT_FILE_MAX_BYTES))?.toString("utf8") ?? null;

export interface WorkspacePackage {
  name: string;
  /** Repo-relative directory. */
  dir: string;
  /** Repo-relative entry file, or null when none could be found in the source tree. */
  entry: string | null;
  /** `exports` subpath prefixes mapped back to source: `adapters` -> `src/adapters` (from `"./adapters/*": "./dist/adapters/*.js"`). */
  subpaths?: Record<string, string>;
}

type Json = Record<string, unknown>;

/** A JSON object of the tree; null when missing, unreadable (a link out of the tree, a device...) or not an object. */
async function readJson(root: TreeSource, file: string): Promise<Json | null> {
  try {
    const value: unknown = JSON.parse((await readText(root, file)) ?? "null");
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

async function workspaceGlobs(root: TreeSource, files: Set<string>): Promise<string[]> {
  const globs: string[] = [];
  const pkg = await readJson(root, "package.json");
  const ws = pkg?.workspaces;
  globs.push(...stringList(ws), ...stringList((ws as Json | undefined)?.packages));
  if (files.has("pnpm-workspace.yaml")) {
    try {
      const doc = parseYaml((await readText(root, "pnpm-workspace.yaml")) ?? "") as Json | null;
      globs.push(...stringList(doc?.packages));
    } catch {
      // a broken (or refused) pnpm-workspace.yaml only costs us workspace resolution
    }
  }
  return globs.map((g) => g.replace(/^\.\//, "").replace(/\/$/, ""));
}

const ENTRY_EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs"];
const BUILD_DIR = /^(dist|lib|build|out)\//;

/** The first string of a package.json target (`exports` conditions: source first, then the usual ones). */
function pickTargets(v: unknown, into: string[]): string[] {
  if (typeof v === "string") into.push(v);
  else if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const k of ["source", "import", "default", "require", "types"]) pickTargets((v as Json)[k], into);
  return into;
}

/** A declared file as is, with TypeScript's extensions, and mapped from build output back to src/. */
function sourceCandidates(declared: string): string[] {
  const clean = declared.replace(/^\.\//, "");
  return [clean, clean.replace(BUILD_DIR, "src/")].flatMap((p) => [p, ...swapExtension(p)]);
}

/**
 * Candidate entry points in dependency-cruiser's order for an installed package (its default resolve
 * options read `main`, never `exports`): `main`, then the package's index; then, for a checkout
 * whose build output is absent, main and the other declared entries mapped back to source, then src/index.
 */
function entryCandidates(pkg: Json): string[] {
  const main = typeof pkg.main === "string" ? pkg.main.replace(/^\.\//, "") : null;
  const exp = pkg.exports;
  const dot = exp !== null && typeof exp === "object" ? ((exp as Json)["."] ?? exp) : exp;
  const declared = [pkg.source, dot, pkg.module, pkg.types, pkg.typings].flatMap((v) => pickTargets(v, []));
  return [
    ...(main ? [main, ...swapExtension(main)] : []),
    ...["index"].flatMap((b) => ENTRY_EXTENSIONS.map((e) => b + e)),
    ...(main ? sourceCandidates(main) : []),
    ...declared.flatMap(sourceCandidates),
    ...["src/index", "lib/index"].flatMap((b) => ENTRY_EXTENSIONS.map((e) => b + e)),
  ];
}

/** `exports` subpath patterns (`./x/*` -> `./dist/x/*.js`) as prefixes mapped back to source: `x` -> `src/x`. */
function exportSubpaths(pkg: Json): Record<string, string> {
  const exp = pkg.exports;
  if (exp === null || typeof exp !== "object" || Array.isArray(exp)) return {};
  const subpaths: Record<string, string> = {};
  for (const [key, value] of Object.entries(exp as Json)) {
    if (!key.startsWith("./") || !key.endsWith("/*")) continue;
    const target = pickTargets(value, [])[0];
    if (target === undefined || !target.includes("*")) continue;
    const prefix = target.slice(0, target.indexOf("*")).replace(/^\.\//, "").replace(/\/$/, "");
    subpaths[key.slice(2, -2)] = prefix.replace(BUILD_DIR, "src/").replace(/^(dist|lib|build|out)$/, "src");
  }
  return subpaths;
}

function swapExtension(p: string): string[] {
  const base = p.replace(/\.d\.ts$/, "").replace(/\.(c|m)?js$/, "");
  return [".ts", ".tsx", ".mts", ".cts", ".js"].map((e) => base + e);
}

export async function findWorkspacePackages(tree: string | TreeSource, files: string[]): Promise<WorkspacePackage[]> {
  const root = treeSourceOf(tree);
  const fileSet = new Set(files);
  const globs = await workspaceGlobs(root, fileSet);
  if (globs.length === 0) return [];
  const include = globs.filter((g) => !g.startsWith("!"));
  const exclude = globs.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
  const isWorkspaceDir = picomatch(include, { ignore: exclude, dot: false });
  const packages: WorkspacePackage[] = [];
  for (const file of files) {
    if (!file.endsWith("/package.json")) continue;
    const dir = file.slice(0, -"/package.json".length);
    if (!isWorkspaceDir(dir)) continue;
    const pkg = await readJson(root, file);
    if (!pkg || typeof pkg.name !== "string") continue;
    const entry = entryCandidates(pkg).map((c) => `${dir}/${c}`).find((c) => fileSet.has(c)) ?? null;
    const subpaths = exportSubpaths(pkg);
    packages.push(Object.keys(subpaths).length > 0 ? { name: pkg.name, dir, entry, subpaths } : { name: pkg.name, dir, entry });
  }
  return packages;
}

/**
 * enhanced-resolve aliases: `name` exactly -> entry file; `name/sub` -> an `exports` subpath mapped
 * to source, else inside the package dir, else inside its src/ (a subpath import of an unbuilt package).
 */
export function workspaceAliases(root: string, packages: WorkspacePackage[]): Record<string, string | string[]> {
  const alias: Record<string, string | string[]> = {};
  for (const p of packages) {
    if (p.entry) alias[`${p.name}$`] = path.join(root, p.entry);
    // Longer keys first: enhanced-resolve tries aliases in order.
    const subpaths = Object.entries(p.subpaths ?? {}).sort(([a], [b]) => b.length - a.length);
    for (const [sub, target] of subpaths) alias[`${p.name}/${sub}`] = path.join(root, p.dir, target);
    alias[p.name] = [path.join(root, p.dir), path.join(root, p.dir, "src")];
  }
  return alias;
}
