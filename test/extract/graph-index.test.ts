// Property: for many generated changes, the incrementally derived graph equals a full build,
// from base to head and from head to base.
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { FileChange } from "../../src/core/model.js";
import { listFiles, isSourceFile } from "../../src/extract/files.js";
import { buildGraphIndex, deriveGraphIndex, invertChanges, type TreeFiles } from "../../src/extract/graph-index.js";

/** Deterministic PRNG (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  return `${lines.join("\n")}\nexport const x = 1;\n`;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

async function treeOf(root: string): Promise<TreeFiles> {
  const allFiles = await listFiles(root);
  return { allFiles, sourceFiles: allFiles.filter(isSourceFile) };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-derive-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A random tree, then a random change set applied to a copy of it. */
function generateCase(seed: number): { base: string; head: string; changes: FileChange[] } {
  const rnd = random(seed);
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
      const baseDerived = await deriveGraphIndex(headFull, base, baseTree, invertChanges(changes));
      expect({ seed, edges: baseDerived.edges }).toEqual({ seed, edges: baseFull.edges });
      if (changes.some((c) => c.kind !== "modified")) structural++;
    }
    // The generator must exercise added, deleted and renamed files, not only edits.
    expect(structural).toBeGreaterThan(30);
  });

  it("rebuilds in full when a tsconfig changes", async () => {
    const { base, head } = generateCase(99);
    write(head, "tsconfig.json", JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@src/*": ["lib/*"] } } }));
    const headTree = await treeOf(head);
    const derived = await deriveGraphIndex(await buildGraphIndex(base, await treeOf(base)), head, headTree, [{ kind: "modified", path: "tsconfig.json" }]);
    expect(derived.edges).toEqual((await buildGraphIndex(head, headTree)).edges);
  });
});
