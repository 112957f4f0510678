// changedModules (core/changed-modules.ts) walks sorted graphs instead of gathering every module's
// imports in maps: it must name exactly the modules the map comparison names, on random graphs after
// every kind of edit, on graphs out of order (where it falls back to the maps), and in the corner
// cases worked out by hand below.
import { describe, expect, it } from "@jest/globals";
import { changedModules, changedThroughMaps, type ComparedGraph } from "../../src/core/changed-modules.js";
import type { ExternalImport, ModuleEdge } from "../../src/core/model.js";
import { editedGraph, random, randomGraph, type Edit } from "../engine/depcruise-random-graphs.js";

const EDITS: Edit[] = ["add-edge", "add-back-edge", "remove-edge", "rename", "delete", "add-module", "shift-lines", "add-external", "retype-edge"];

const sorted = (set: Set<string>): string[] => [...set].sort();

function shuffled<T>(list: readonly T[], next: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const edge = (from: string, to: string, line: number): ModuleEdge => ({ from, to, line, specifier: `./${to}`, typeOnly: false, dynamic: false, kinds: ["local", "import"] });
const npm = (from: string, line: number): ExternalImport => ({
  from,
  specifier: "lodash",
  line,
  resolved: "node_modules/lodash/lodash.js",
  dependencyTypes: ["npm", "import"],
  coreModule: false,
  couldNotResolve: false,
  dynamic: false,
  typeOnly: false,
});

function graph(modules: string[], edges: ModuleEdge[], external: ExternalImport[] = [], sites: ComparedGraph["sites"] = {}): ComparedGraph {
  return { modules, edges, external, sites };
}

describe("changedModules", () => {
  it("names what the map comparison names after every kind of edit, sorted or not", () => {
    let nonEmpty = 0;
    let compared = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const next = random(seed);
      const base = randomGraph(next, 30 + seed * 4, 1.6);
      for (const edit of EDITS) {
        const head = editedGraph(base, [edit, EDITS[Math.floor(next() * EDITS.length)] as Edit], next);
        const expected = sorted(changedThroughMaps(base, head));
        expect(sorted(changedModules(base, head))).toEqual(expected);
        // Out of order (edges, externals or modules): the walk gives up and the maps answer.
        const messy = { ...head, edges: shuffled(head.edges, next), external: shuffled(head.external ?? [], next) };
        expect(sorted(changedModules(base, messy))).toEqual(sorted(changedThroughMaps(base, messy)));
        expect(sorted(changedModules({ ...base, modules: shuffled(base.modules, next) }, head))).toEqual(expected);
        // A graph compared with itself, or with an equal copy: nothing changed.
        expect(changedModules(head, head).size).toBe(0);
        expect(changedModules(head, editedGraph(head, [], next)).size).toBe(0);
        if (expected.length > 0) nonEmpty++;
        compared++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(compared * 0.8);
  });

  it("finds a module added or removed without imports, and ignores imports of a module neither side has", () => {
    const base = graph(["a.ts", "b.ts", "gone.ts"], [edge("a.ts", "b.ts", 1), edge("ghost.ts", "a.ts", 1)]);
    const head = graph(["a.ts", "b.ts", "new.ts"], [edge("a.ts", "b.ts", 1), edge("ghost.ts", "b.ts", 1)]);
    expect(sorted(changedModules(base, head))).toEqual(["gone.ts", "new.ts"]);
    expect(sorted(changedThroughMaps(base, head))).toEqual(["gone.ts", "new.ts"]);
  });

  it("finds a module whose only difference is an external import's line, or an import site", () => {
    const modules = ["a.ts", "b.ts", "c.ts"];
    const base = graph(modules, [edge("a.ts", "b.ts", 1)], [npm("b.ts", 3)], { c: [], "c.ts": [{ specifier: "./x", line: 1 }] });
    const head = graph(modules, [edge("a.ts", "b.ts", 1)], [npm("b.ts", 4)], { c: [], "c.ts": [{ specifier: "./y", line: 1 }] });
    expect(sorted(changedModules(base, head))).toEqual(["b.ts", "c.ts"]);
  });

  it("finds an edge moved between two modules, a retargeted edge, and a module whose imports all went", () => {
    const modules = ["a.ts", "b.ts", "c.ts", "d.ts"];
    const base = graph(modules, [edge("a.ts", "c.ts", 1), edge("b.ts", "c.ts", 1), edge("d.ts", "a.ts", 1), edge("d.ts", "b.ts", 2)]);
    const head = graph(modules, [edge("a.ts", "c.ts", 1), edge("a.ts", "d.ts", 2), edge("b.ts", "d.ts", 1)]);
    expect(sorted(changedModules(base, head))).toEqual(["a.ts", "b.ts", "d.ts"]);
    expect(sorted(changedThroughMaps(base, head))).toEqual(["a.ts", "b.ts", "d.ts"]);
  });
});
