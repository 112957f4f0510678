// Property: for many generated changes, the incrementally derived graph equals a full build,
// from base to head and from head to base.
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { FileChange } from "../../src/core/model.js";
import { listFiles, isSourceFile } from "../../src/extract/files.js";
import { buildGraphIndex, deriveGraphIndex, invertChanges, type TreeFiles } from "../../src/extract/graph-index.js";
import { seededRandom } from "../helpers/seeded-random.js";


const DIRS = ["src/a", "src/a/deep", "src/b", "src/c", "lib"];
const NAMES = ["user", "order", "index", "util", "model", "a", "b", "deep"];

function specifierFor(from: string, to: string, rnd: () => number): string {
  const toNoExt = to.replace(/\.ts$/, "");
  const roll = rnd();
  if (roll < 0.2 && to.startsWith("src/")) return `@src/${toNoExt.slice(4)}`; // tsconfig paths alias
  let rel = path.posix.relative(path.posix.dirname(from), toNoExt);
  if (!rel.startsWith(".")) rel = `./${rel}`;
  if (roll < 0.35 && rel.endsWith("/index")) return rel.slice(0, -"/index".length) || "."; // directory import
  if (roll < 0.55) return `${rel}.js`; // .js naming a .ts file
  return rel;
}

function moduleText(file: string, all: string[], rnd: () => number): string {
  const imports = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => all[Math.floor(rnd() * all.length)] as string).filter((t) => t !== file);
  const lines = imports.map((t, i) => (rnd() < 0.2 ? `import type { T${i} } from "${specifierFor(file, t, rnd)}";` : `import * as m${i} from "${specifierFor(file, t, rnd)}";`));
  if (rnd() < 0.15) lines.push(`const lazy = () => import("${specifierFor(file, all[0] as string, rnd)}");`);
  // Imports of no module (external), chosen by name so that the random sequence stays as it was.
  if (file.includes("user")) lines.push('import _ from "lodash";');
  if (file.includes("order")) lines.push('import { readFileSync } from "node:fs";');
  if (file.includes("util")) lines.push('import "./absent-helper";');
  return `${lines.join("\n")}\nexport const x = 1;\n`;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

async function treeOf(root: string, tsPreCompilationDeps?: boolean): Promise<TreeFiles> {
  const allFiles = await listFiles(root);
  const tree = { allFiles, sourceFiles: allFiles.filter(isSourceFile) };
  return tsPreCompilationDeps === undefined ? tree : { ...tree, tsPreCompilationDeps };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-derive-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A random tree, then a random change set applied to a copy of it. */
function generateCase(seed: number): { base: string; head: string; changes: FileChange[] } {
  const rnd = seededRandom(seed);
  const base = path.join(work, `base-${seed}`);
  const head = path.join(work, `head-${seed}`);
  write(base, "tsconfig.json", JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@src/*": ["src/*"] } } }));
  const files = [...new Set(Array.from({ length: 30 }, () => `${DIRS[Math.floor(rnd() * DIRS.length)]}/${NAMES[Math.floor(rnd() * NAMES.length)]}.ts`))];
  for (const f of files) write(base, f, moduleText(f, files, rnd));
  cpSync(base, head, { recursive: true });
  const changes: FileChange[] = [];
  const live = new Set(files);
  for (let i = 0; i < 1 + Math.floor(rnd() * 5); i++) {
    const op = rnd();
    const existing = [...live];
    const pick = existing[Math.floor(rnd() * existing.length)] as string;
    const fresh = `${DIRS[Math.floor(rnd() * DIRS.length)]}/${NAMES[Math.floor(rnd() * NAMES.length)]}${rnd() < 0.5 ? "" : "2"}.ts`;
    if (changes.some((c) => c.path === pick || c.previousPath === pick || c.path === fresh)) continue;
    if (op < 0.35) {
      write(head, pick, moduleText(pick, existing, rnd));
      changes.push({ kind: "modified", path: pick });
    } else if (op < 0.6 && !live.has(fresh)) {
      write(head, fresh, moduleText(fresh, existing, rnd)); // may shadow `x/index.ts` or an alias target
      live.add(fresh);
      changes.push({ kind: "added", path: fresh });
    } else if (op < 0.8) {
      rmSync(path.join(head, pick));
      live.delete(pick);
      changes.push({ kind: "deleted", path: pick });
    } else if (!live.has(fresh)) {
      mkdirSync(path.join(head, path.dirname(fresh)), { recursive: true });
      renameSync(path.join(head, pick), path.join(head, fresh));
      live.delete(pick);
      live.add(fresh);
      changes.push({ kind: "renamed", path: fresh, previousPath: pick });
    }
  }
  return { base, head, changes };
}

describe("deriveGraphIndex", () => {
  it("equals a full build for 60 generated change sets, in both directions", async () => {
    let structural = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { base, head, changes } = generateCase(seed);
      const [baseTree, headTree] = [await treeOf(base), await treeOf(head)];
      const [baseFull, headFull] = [await buildGraphIndex(base, baseTree), await buildGraphIndex(head, headTree)];
      const headDerived = await deriveGraphIndex(baseFull, head, headTree, changes);
      expect({ seed, edges: headDerived.edges }).toEqual({ seed, edges: headFull.edges });
      expect(headDerived.sites).toEqual(headFull.sites);
      expect({ seed, external: headDerived.external }).toEqual({ seed, external: headFull.external });
      const baseDerived = await deriveGraphIndex(headFull, base, baseTree, invertChanges(changes));
      expect({ seed, edges: baseDerived.edges }).toEqual({ seed, edges: baseFull.edges });
      expect({ seed, external: baseDerived.external }).toEqual({ seed, external: baseFull.external });
      if (changes.some((c) => c.kind !== "modified")) structural++;
    }
    // The generator must exercise added, deleted and renamed files, not only edits.
    expect(structural).toBeGreaterThan(30);
  });

  it("keeps external imports and elided sites equal to a full build with tsPreCompilationDeps false", async () => {
    let unresolved = 0;
    for (let seed = 101; seed <= 115; seed++) {
      const { base, head, changes } = generateCase(seed);
      const [baseTree, headTree] = [await treeOf(base, false), await treeOf(head, false)];
      const [baseFull, headFull] = [await buildGraphIndex(base, baseTree), await buildGraphIndex(head, headTree)];
      const headDerived = await deriveGraphIndex(baseFull, head, headTree, changes);
      expect({ seed, edges: headDerived.edges, external: headDerived.external, sites: headDerived.sites }).toEqual({ seed, edges: headFull.edges, external: headFull.external, sites: headFull.sites });
      const baseDerived = await deriveGraphIndex(headFull, base, baseTree, invertChanges(changes));
      expect({ seed, edges: baseDerived.edges, external: baseDerived.external }).toEqual({ seed, edges: baseFull.edges, external: baseFull.external });
      // `import * as m` bindings are never used as values: TypeScript elides them all.
      expect(headFull.edges.filter((e) => !e.dynamic)).toEqual([]);
      unresolved += (headFull.external ?? []).filter((x) => x.couldNotResolve).length;
    }
    expect(unresolved).toBeGreaterThan(0);
  });

  it("rebuilds in full from an index cached before external imports existed, or read with the other tsPreCompilationDeps", async () => {
    const { base, head, changes } = generateCase(7);
    const headTree = await treeOf(head);
    const { external: _dropped, ...old } = await buildGraphIndex(base, await treeOf(base));
    const derived = await deriveGraphIndex(old, head, headTree, changes);
    expect(derived.read).toBe(headTree.sourceFiles.length);
    expect(derived.external).toEqual((await buildGraphIndex(head, headTree)).external);
    const elided = await deriveGraphIndex(await buildGraphIndex(base, await treeOf(base)), head, await treeOf(head, false), changes);
    expect(elided).toMatchObject({ elided: true, read: headTree.sourceFiles.length });
  });

  it("rebuilds in full when a tsconfig changes", async () => {
    const { base, head } = generateCase(99);
    write(head, "tsconfig.json", JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@src/*": ["lib/*"] } } }));
    const headTree = await treeOf(head);
    const derived = await deriveGraphIndex(await buildGraphIndex(base, await treeOf(base)), head, headTree, [{ kind: "modified", path: "tsconfig.json" }]);
    expect(derived.edges).toEqual((await buildGraphIndex(head, headTree)).edges);
  });
});
