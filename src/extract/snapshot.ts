// A snapshot on disk -> the plain data the core reviews: module graph with import lines,
// facts per module, and the dependency-cruiser `forbidden` violations of that tree.
import { readFile } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import type { FileFacts, ForbiddenViolation, ModuleEdge, Snapshot } from "../core/model.js";
import { isSourceFile, listFiles } from "./files.js";
import { buildRawGraph, type RawEdge } from "./graph.js";
import { analyzeSource, type ImportSite } from "./source-facts.js";

export interface SnapshotOptions {
  sha: string;
  ignore: string[];
  forbidden: unknown[];
}

interface SourceInfo {
  facts: FileFacts;
  imports: ImportSite[];
}

/** Reads and analyses every module once; the graph comes from dependency-cruiser. */
export async function analyzeSnapshot(root: string, options: SnapshotOptions): Promise<Snapshot> {
  const files = await listFiles(root);
  const ignored = options.ignore.length > 0 ? picomatch(options.ignore, { dot: true }) : () => false;
  const sourceFiles = files.filter((f) => isSourceFile(f) && !ignored(f));
  const raw = await buildRawGraph(root, { sourceFiles, allFiles: files, forbidden: options.forbidden });
  const sources = new Map<string, SourceInfo>();
  await Promise.all(
    raw.modules.map(async (file) => {
      const text = await readFile(path.join(root, file), "utf8");
      sources.set(file, analyzeSource(text, file));
    }),
  );
  const facts: Record<string, FileFacts> = {};
  for (const file of raw.modules) facts[file] = (sources.get(file) as SourceInfo).facts;
  const edges = raw.edges.map((e) => withLine(e, sources.get(e.from)?.imports ?? []));
  const forbiddenViolations: ForbiddenViolation[] = raw.forbiddenViolations.map((v) => ({
    rule: v.rule,
    severity: v.severity,
    from: v.from,
    to: v.to,
    line: v.specifier === null ? null : firstLine(sources.get(v.from)?.imports ?? [], v.specifier),
  }));
  return { sha: options.sha, graph: { modules: raw.modules, edges }, facts, forbiddenViolations, files };
}

function sitesOf(imports: ImportSite[], specifier: string): ImportSite[] {
  return imports.filter((i) => i.specifier === specifier || i.specifier === `node:${specifier}`);
}

function firstLine(imports: ImportSite[], specifier: string): number | null {
  const sites = sitesOf(imports, specifier);
  const valueSite = sites.find((s) => !s.typeOnly);
  return (valueSite ?? sites[0])?.line ?? null;
}

function withLine(edge: RawEdge, imports: ImportSite[]): ModuleEdge {
  const sites = sitesOf(imports, edge.specifier);
  // `import { type A } from` is type-only to TypeScript even where dependency-cruiser does not say so.
  const typeOnly = edge.typeOnly || (sites.length > 0 && sites.every((s) => s.typeOnly));
  return {
    from: edge.from,
    to: edge.to,
    line: firstLine(imports, edge.specifier),
    specifier: edge.specifier,
    typeOnly,
    dynamic: edge.dynamic,
    kinds: edge.kinds,
  };
}
