// Random judged graphs (modules in five folders, local edges some type-only, npm and unresolvable
// imports, import sites) and the edits a pull request makes to them, for the incremental parity
// tests. Deterministic: a failure names a reproducible seed.
import type { ExternalImport, ModuleEdge } from "../../src/core/model.js";
import type { JudgedGraph } from "../../src/engine/depcruise-evaluate.js";

export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const FOLDERS = ["a", "b", "c", "d", "e"];
const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

function edge(from: string, to: string, line: number, typeOnly: boolean): ModuleEdge {
  const kinds = typeOnly ? ["local", "type-only", "import"] : ["local", "import"];
  return { from, to, line, specifier: `./${to.replace(/\.ts$/, "")}`, typeOnly, dynamic: false, kinds };
}

function external(from: string, line: number, kind: "npm" | "unresolvable"): ExternalImport {
  return kind === "npm"
    ? { from, specifier: "lodash", line, resolved: "node_modules/lodash/lodash.js", dependencyTypes: ["npm", "import"], coreModule: false, couldNotResolve: false, dynamic: false, typeOnly: false }
    : { from, specifier: `./missing${line}`, line, resolved: `./missing${line}`, dependencyTypes: ["unknown"], coreModule: false, couldNotResolve: true, dynamic: false, typeOnly: false };
}

/** Sorted as graph-index sorts them, with each module's sites derived from its imports. */
function finished(modules: string[], edges: ModuleEdge[], externals: ExternalImport[]): JudgedGraph {
  const byFromTo = (a: ModuleEdge, b: ModuleEdge): number => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0);
  const sortedEdges = [...edges].sort(byFromTo);
  const sortedExternal = [...externals].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const sites: JudgedGraph["sites"] = {};
  for (const i of [...sortedEdges, ...sortedExternal]) (sites[i.from] ??= []).push({ specifier: i.specifier, line: i.line ?? 0, typeOnly: i.typeOnly });
  return { modules: [...modules].sort(), edges: sortedEdges, external: sortedExternal, sites };
}

export function randomGraph(next: () => number, size: number, degree: number): JudgedGraph {
  const modules = Array.from({ length: size }, (_, i) => `src/${pick(next, FOLDERS)}/x${i}.ts`);
  const edges: ModuleEdge[] = [];
  const externals: ExternalImport[] = [];
  for (const from of modules) {
    const targets = new Set<string>();
    const count = Math.floor(next() * degree * 2);
    for (let i = 0; i < count; i++) targets.add(pick(next, modules));
    let line = 1;
    for (const to of targets) edges.push(edge(from, to, line++, next() < 0.2));
    if (next() < 0.15) externals.push(external(from, line++, "npm"));
    if (next() < 0.1) externals.push(external(from, line++, "unresolvable"));
  }
  return finished(modules, edges, externals);
}

export type Edit = "add-edge" | "add-back-edge" | "remove-edge" | "rename" | "delete" | "add-module" | "shift-lines" | "add-external" | "retype-edge";

interface Parts {
  modules: string[];
  edges: ModuleEdge[];
  externals: ExternalImport[];
}

const maxLine = (p: Parts, from: string): number => Math.max(0, ...[...p.edges, ...p.externals].filter((i) => i.from === from).map((i) => i.line ?? 0));

function renamed(p: Parts, from: string, to: string): void {
  p.modules = p.modules.map((m) => (m === from ? to : m));
  p.edges = p.edges.map((e) => (e.from === from || e.to === from ? edge(e.from === from ? to : e.from, e.to === from ? to : e.to, e.line ?? 1, e.typeOnly) : e));
  p.externals = p.externals.map((e) => (e.from === from ? { ...e, from: to } : e));
}

/** A deleted module's importers keep their imports, now unresolvable. */
function deleted(p: Parts, gone: string): void {
  p.modules = p.modules.filter((m) => m !== gone);
  const orphaned = p.edges.filter((e) => e.to === gone && e.from !== gone);
  p.edges = p.edges.filter((e) => e.from !== gone && e.to !== gone);
  p.externals = [...p.externals.filter((e) => e.from !== gone), ...orphaned.map((e) => ({ ...external(e.from, e.line ?? 1, "unresolvable"), specifier: e.specifier, resolved: e.specifier }))];
}

function applyEdit(p: Parts, edit: Edit, next: () => number): void {
  const some = pick(next, p.modules);
  const anEdge = p.edges.length > 0 ? pick(next, p.edges) : null;
  switch (edit) {
    case "add-edge": {
      const to = pick(next, p.modules);
      if (!p.edges.some((e) => e.from === some && e.to === to)) p.edges.push(edge(some, to, maxLine(p, some) + 1, next() < 0.2));
      return;
    }
    case "add-back-edge":
      if (anEdge && !p.edges.some((e) => e.from === anEdge.to && e.to === anEdge.from)) p.edges.push(edge(anEdge.to, anEdge.from, maxLine(p, anEdge.to) + 1, false));
      return;
    case "remove-edge":
      p.edges = p.edges.filter((e) => e !== anEdge);
      return;
    case "rename":
      return renamed(p, some, `src/${pick(next, FOLDERS)}/renamed-${some.replace(/\W/g, "")}.ts`);
    case "delete":
      return deleted(p, some);
    case "add-module": {
      const added = `src/${pick(next, FOLDERS)}/new${p.modules.length}.ts`;
      p.modules.push(added);
      p.edges.push(edge(added, some, 1, false), edge(pick(next, p.modules), added, 99, false));
      return;
    }
    case "shift-lines":
      p.edges = p.edges.map((e) => (e.from === some ? { ...e, line: (e.line ?? 0) + 1 } : e));
      p.externals = p.externals.map((e) => (e.from === some ? { ...e, line: (e.line ?? 0) + 1 } : e));
      return;
    case "add-external":
      p.externals.push(external(some, maxLine(p, some) + 1, next() < 0.5 ? "npm" : "unresolvable"));
      return;
    case "retype-edge":
      p.edges = p.edges.map((e) => (e === anEdge ? edge(e.from, e.to, e.line ?? 1, !e.typeOnly) : e));
  }
}

/** `base` after `edits`, as a new graph (the base is left as it was). */
export function editedGraph(base: JudgedGraph, edits: Edit[], next: () => number): JudgedGraph {
  const parts: Parts = { modules: [...base.modules], edges: [...base.edges], externals: [...(base.external ?? [])] };
  for (const edit of edits) applyEdit(parts, edit, next);
  return finished(parts.modules, parts.edges, parts.externals);
}
