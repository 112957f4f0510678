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

/** Candidate entry points, most specific first: declared source, then build output mapped back to src. */
function entryCandidates(pkg: Json): string[] {
  const declared: string[] = [];
  const exp = pkg.exports;
  const dot = exp !== null && typeof exp === "object" ? (exp as Json)["."] ?? exp : exp;
  const pick = (v: unknown): void => {
    if (typeof v === "string") declared.push(v);
    else if (v !== null && typeof v === "object") for (const k of ["source", "import", "default", "require", "types"]) pick((v as Json)[k]);
  };
  for (const v of [pkg.source, dot, pkg.module, pkg.main, pkg.types, pkg.typings]) pick(v);
  const mapped = declared.flatMap((d) => {
    const clean = d.replace(/^\.\//, "");
    const toSrc = clean.replace(/^(dist|lib|build|out)\//, "src/");
    return [clean, toSrc].flatMap((p) => [p, ...swapExtension(p)]);
  });
  return [...mapped, ...["src/index", "index", "lib/index"].flatMap((b) => [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs"].map((e) => b + e))];
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
    packages.push({ name: pkg.name, dir, entry });
  }
  return packages;
}

/** enhanced-resolve aliases: `name` exactly -> entry file, `name/sub` -> inside the package dir. */
export function workspaceAliases(root: string, packages: WorkspacePackage[]): Record<string, string> {
  const alias: Record<string, string> = {};
  for (const p of packages) {
    if (p.entry) alias[`${p.name}$`] = path.join(root, p.entry);
    alias[p.name] = path.join(root, p.dir);
  }
  return alias;
}
