// The resolver's two shortcuts against enhanced-resolve as dependency-cruiser builds it (real
// file system, its own options): answers from directory listings (SnapshotFileSystem) and the
// plain-relative shortcut (fast-relative.ts) must agree on every request they answer.
import fs, { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import enhancedResolve from "enhanced-resolve";
import { SnapshotFileSystem } from "../../src/extract/fast-fs.js";
import { resolvePlainRelative } from "../../src/extract/fast-relative.js";
import { resolveOptions, SCANNABLE_EXTENSIONS } from "../../src/extract/fast-resolve.js";
import { listFiles } from "../../src/extract/files.js";
import { findWorkspacePackages, workspaceAliases } from "../../src/extract/workspaces.js";

type Normalize = (resolve: object, cruise: object, tsconfig: object | undefined) => Promise<enhancedResolve.ResolveOptions>;

async function dependencyCruiserResolver(alias: Record<string, string | string[]>): Promise<enhancedResolve.Resolver> {
  const file = path.resolve("node_modules/dependency-cruiser/src/main/resolve-options/normalize.mjs");
  const normalize = ((await import(pathToFileURL(file).href)) as { default: Normalize }).default;
  return enhancedResolve.ResolverFactory.createResolver(await normalize({ alias }, { tsPreCompilationDeps: true }, undefined));
}

const answer = (resolver: enhancedResolve.Resolver, dir: string, request: string): string | null => {
  try {
    return resolver.resolveSync({}, dir, request) || null;
  } catch {
    return null;
  }
};

/** Requests through the symlinks of writeSymlinkTree (listFiles does not list what is behind them). */
const THROUGH_LINKS = ["./b", "./b.js", "./dangling", "./dangling.js", "./shared-link/util", "./shared-link/util.js", "./shared-link/pkg", "./util", "./pkg", "./entry.js"];

/** Every way a file of the tree may be asked for from `dir`, plus misses, directories and bare names. */
function requestsFrom(root: string, dir: string, files: string[]): string[] {
  const requests = new Set(["./nope", "../nope.js", ".", "..", "./", "#shared/util", "foo", "@mono/lib", "@mono/lib/src/types", "node:fs", ...THROUGH_LINKS]);
  for (const file of files) {
    let rel = path.relative(dir, path.join(root, file));
    if (!rel.startsWith("..")) rel = `./${rel}`;
    const bare = rel.replace(/\.(d\.)?[cm]?[jt]sx?$/, "");
    for (const r of [rel, bare, `${bare}.js`, `${bare}.mjs`, `${bare}.cjs`, path.dirname(rel), `${path.dirname(rel)}/`, `${rel}?raw`]) requests.add(r);
  }
  return [...requests];
}

function writeSymlinkTree(root: string): void {
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write("package.json", JSON.stringify({ name: "links", imports: { "#shared/*": "./shared/*.ts" } }));
  write("shared/util.ts", "");
  write("shared/pkg/package.json", JSON.stringify({ main: "entry" }));
  write("shared/pkg/entry.ts", "");
  write("broken/package.json", "{");
  write("broken/inside.ts", "");
  write("lib/a.ts", "");
  symlinkSync("../shared", path.join(root, "lib/shared-link"));
  symlinkSync("a.ts", path.join(root, "lib/b.ts"));
  symlinkSync("missing.ts", path.join(root, "lib/dangling.ts"));
  mkdirSync(path.join(root, "lib/node_modules"));
  symlinkSync("../../shared/pkg", path.join(root, "lib/node_modules/foo"));
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "archreview-relative-"));
  writeSymlinkTree(scratch);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("resolution shortcuts agree with dependency-cruiser's enhanced-resolve", () => {
  const trees = (): string[] => [scratch, ...["resolution-module-kinds", "resolution-monorepo", "resolution-pnpm"].map((t) => path.resolve("test/fixtures", t))];

  it("on every request from every directory of the trees", async () => {
    let shortcut = 0;
    let total = 0;
    for (const root of trees()) {
      const files = await listFiles(root);
      const alias = workspaceAliases(root, await findWorkspacePackages(root, files));
      const reference = await dependencyCruiserResolver(alias);
      const sfs = new SnapshotFileSystem();
      const listed = enhancedResolve.ResolverFactory.createResolver(resolveOptions({ tsconfigFile: null, baseUrl: undefined, alias }, sfs));
      const dirs = [...new Set([".", ...files.map((f) => path.dirname(f)), "lib/shared-link", "lib/node_modules/foo"])].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
      for (const dir of dirs) {
        for (const request of requestsFrom(root, dir, files)) {
          const expected = answer(reference, dir, request);
          total++;
          expect({ dir, request, answer: answer(listed, dir, request) }).toEqual({ dir, request, answer: expected });
          const quick = resolvePlainRelative(sfs, dir, request, SCANNABLE_EXTENSIONS);
          if (quick === undefined) continue;
          shortcut++;
          expect({ dir, request, answer: quick }).toEqual({ dir, request, answer: expected });
        }
      }
    }
    // The trees exercise both: most plain relative requests take the shortcut, the rest do not.
    expect(total).toBeGreaterThan(2000);
    expect(shortcut).toBeGreaterThan(total / 4);
    expect(shortcut).toBeLessThan(total);
  });
});
