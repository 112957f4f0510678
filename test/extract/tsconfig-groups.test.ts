// groupByTsConfig for a few files (a derive): each wanted file lands in the group, under the
// tsconfig, that grouping every file gives it, and tsconfigs no wanted file needs are not read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { isSourceFile, listFiles } from "../../src/extract/files.js";
import { buildGraphIndex, deriveGraphIndex } from "../../src/extract/graph-index.js";
import { groupByTsConfig, type TsConfigGroup } from "../../src/extract/tsconfig.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "archreview-tsconfig-groups-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, unknown>): string[] {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), typeof content === "string" ? content : JSON.stringify(content));
  }
  return Object.keys(files).sort();
}

/** Each file's tsconfig and resolution options, as resolutionByFile reads a group. */
function byFile(groups: TsConfigGroup[]): Record<string, { tsconfig: string | null; baseUrl?: string; paths?: unknown }> {
  const out: Record<string, { tsconfig: string | null; baseUrl?: string; paths?: unknown }> = {};
  for (const g of groups) {
    for (const f of g.files) out[f] = { tsconfig: g.tsconfigFile && path.relative(root, g.tsconfigFile), baseUrl: g.parsed?.options.baseUrl, paths: g.parsed?.options.paths };
  }
  return out;
}

const PATHS = { compilerOptions: { baseUrl: ".", paths: { "@x/*": ["src/*"] } } };

describe("groupByTsConfig with only some files", () => {
  it("gives every subset the groups and governing tsconfigs of the full grouping", () => {
    const all = write({
      // A package whose paths are relative to its own folder: a group of its own...
      "a/tsconfig.json": { compilerOptions: { paths: { "@a/*": ["./src/*"] } } },
      "a/src/one.ts": "",
      // ...and b/c, whose tsconfigs are identical after `extends`: one group, under b's tsconfig.
      "shared.json": PATHS,
      "b/tsconfig.json": { extends: "../shared.json" },
      "b/src/two.ts": "",
      "c/tsconfig.json": { extends: "../shared.json" },
      "c/src/three.ts": "",
      "d/tsconfig.json": { compilerOptions: { strict: true } }, // no baseUrl/paths: no tsconfig passed
      "d/four.ts": "",
      "loose.ts": "",
    });
    const sources = all.filter((f) => f.endsWith(".ts"));
    const full = byFile(groupByTsConfig(root, all, sources));
    expect(full["c/src/three.ts"]?.tsconfig).toBe(path.join("b", "tsconfig.json"));
    expect(full["d/four.ts"]?.tsconfig).toBeNull();
    // Every subset of the five sources.
    for (let mask = 1; mask < 1 << sources.length; mask++) {
      const only = new Set(sources.filter((_, i) => mask & (1 << i)));
      const subset = byFile(groupByTsConfig(root, all, sources, null, only));
      const expected = Object.fromEntries(Object.entries(full).filter(([f]) => only.has(f)));
      expect({ mask, subset }).toEqual({ mask, subset: expected });
    }
  });

  it("reads no tsconfig that neither a wanted file nor its group's governing tsconfig needs", () => {
    const all = write({
      "tsconfig.json": PATHS,
      "src/a.ts": "",
      // A looping extends: reading it throws (tsconfig-extends.ts), so the grouping must not reach it.
      "z/tsconfig.json": { extends: "./tsconfig.json" },
      "z/b.ts": "",
    });
    const sources = ["src/a.ts", "z/b.ts"];
    expect(() => groupByTsConfig(root, all, sources)).toThrow("extends itself");
    expect(byFile(groupByTsConfig(root, all, sources, null, new Set(["src/a.ts"])))).toEqual({ "src/a.ts": { tsconfig: "tsconfig.json", baseUrl: root, paths: PATHS.compilerOptions.paths } });
  });
});

describe("deriveGraphIndex in a tree of several tsconfigs", () => {
  it("resolves the changed files with their own group's settings: the same graph as a full build", async () => {
    const base = path.join(root, "base");
    const head = path.join(root, "head");
    const files: Record<string, unknown> = {
      "shared.json": { compilerOptions: { baseUrl: ".", paths: { "@x/*": ["lib/*"] } } },
      "p/tsconfig.json": { extends: "../shared.json" },
      "lib/a.ts": "export const a = 1;\n", // shared.json's baseUrl is the top folder
      "p/src/use.ts": 'import { a } from "@x/a";\nexport const u = a;\n',
      "q/tsconfig.json": { extends: "../shared.json" },
      "q/src/use.ts": 'import { qa } from "@x/a";\nexport const u = qa;\n',
      "r/tsconfig.json": { compilerOptions: { paths: { "@x/*": ["./other/*"] } } },
      "r/other/a.ts": "export const ra = 1;\n",
      "r/src/use.ts": 'import { ra } from "@x/a";\nexport const u = ra;\n',
    };
    for (const [dir, edit] of [[base, ""], [head, "import { u } from '../../p/src/use';\n"]] as const) {
      for (const [file, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content));
      }
      // The change: q's and r's users import @x/b (the top lib for q, r's own folder for r), at head p's user too.
      for (const pkg of ["q", "r"]) writeFileSync(path.join(dir, pkg, "src/use.ts"), `${edit}import { b } from "@x/b";\nexport const u = b;\n`);
      writeFileSync(path.join(dir, "lib/b.ts"), "export const b = 2;\n");
      writeFileSync(path.join(dir, "r/other/b.ts"), "export const b = 3;\n");
    }
    const treeOf = async (dir: string) => {
      const allFiles = await listFiles(dir);
      return { allFiles, sourceFiles: allFiles.filter(isSourceFile) };
    };
    const [baseTree, headTree] = [await treeOf(base), await treeOf(head)];
    const changes = [{ kind: "modified" as const, path: "q/src/use.ts" }, { kind: "modified" as const, path: "r/src/use.ts" }];
    const derived = await deriveGraphIndex(await buildGraphIndex(base, baseTree), head, headTree, changes);
    const full = await buildGraphIndex(head, headTree);
    expect(derived.read).toBe(2);
    expect({ edges: derived.edges, external: derived.external }).toEqual({ edges: full.edges, external: full.external });
    expect(full.edges.map((e) => `${e.from} -> ${e.to}`)).toEqual(
      expect.arrayContaining(["q/src/use.ts -> p/src/use.ts", "q/src/use.ts -> lib/b.ts", "r/src/use.ts -> r/other/b.ts"]),
    );
  });
});
