// Reviews from listed trees (the App's changed-files path): the base's graph from the cache, its
// support files and the touched files' versions on disk, the rest only named by the listings. The
// review must be the one of the whole trees, workspaces and tsconfig paths included.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import type { FileChange, Review } from "../../src/core/model.js";
import { DiskGraphCache } from "../../src/engine/graph-cache.js";
import { ListedTreesUnusable } from "../../src/engine/listed-trees.js";
import { reviewTrees, type ReviewRequest } from "../../src/engine/review.js";
import { changesBetweenTrees } from "../../src/engine/tree-diff.js";
import { manifestKey, readManifest, type TreeManifest } from "../../src/engine/tree-manifest.js";
import { listFiles } from "../../src/extract/files.js";
import { FIXTURES } from "../cli/harness.js";

let scratch: string;
let repo: SampleRepository;
beforeEach(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "archreview-listed-"));
  repo = await SampleRepository.create(path.join(FIXTURES, "resolution-monorepo"));
});
afterEach(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await repo.dispose();
});

const REPOSITORY = "acme/mono";
const cacheDir = () => path.join(scratch, "cache");
const cache = () => ({ dir: cacheDir(), repository: REPOSITORY, manifests: true });

/** The whole tree of `sha`, as a tarball would give it. */
function whole(sha: string, name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive --format=tar ${sha} | tar -x -C '${dir}'`], { cwd: repo.dir });
  return dir;
}

/** `files` of the tree at `from`, copied into a new directory. */
function partial(from: string, files: string[], name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), readFileSync(path.join(from, file)));
  }
  return dir;
}

const comparable = ({ stats: { ms: _ms, filesParsed: _parsed, ...stats }, ...rest }: Review) => ({ ...rest, stats });

/** A change touching sources, a renamed module, a deleted one and a new workspace import. */
async function change(): Promise<{ base: string; head: string }> {
  await repo.write(".github/archreview.yml", 'boundaries:\n  app: ["packages/app/**"]\n  lib: ["packages/lib/**"]\nrules:\n  - from: lib\n    disallow: [app]\n');
  const base = await repo.commit("base");
  await repo.move("packages/lib/src/deep/thing.ts", "packages/lib/src/deep/other.ts");
  await repo.write("packages/lib/src/index.ts", 'import { helper } from "@/helper";\nexport * from "./deep/other.js";\nexport type { LibType } from "./types.js";\nimport { app } from "../../app/src/index.js";\nexport const lib = [helper, app];\n');
  await repo.write("packages/app/src/index.ts", 'import { helper } from "@/helper.js";\nimport { lib } from "@mono/lib";\nimport { fresh } from "@mono/lib/src/fresh";\n\nexport const app = () => [helper, lib, fresh];\n');
  await repo.write("packages/lib/src/fresh.ts", "export const fresh = 1;\n");
  await repo.remove("tools/build.ts");
  await repo.write("docs/notes.md", "# notes\n");
  return { base, head: await repo.commit("head") };
}

async function listedRequest(base: { sha: string; dir: string }, head: { sha: string; dir: string }, changes: FileChange[]): Promise<ReviewRequest> {
  const manifest = (await new DiskGraphCache(cacheDir()).get<TreeManifest>(manifestKey(REPOSITORY, base.sha))) as TreeManifest;
  const support = Object.keys(manifest.support);
  const touched = changes.filter((c) => c.kind !== "deleted");
  const previous = touched.map((c) => c.previousPath ?? c.path).filter((f) => manifest.files.includes(f));
  return {
    base: { sha: base.sha, dir: partial(base.dir, [...support, ...previous], "listed-base") },
    head: { sha: head.sha, dir: partial(base.dir, support, "listed-head") },
    changes,
    trees: { base: manifest.files, head: await listFiles(head.dir) },
    today: "2026-11-20",
    cache: cache(),
  };
}

describe("reviews from listed trees", () => {
  it("give the review of the whole trees, and cache the head's manifest", async () => {
    const { base, head } = await change();
    const [baseDir, headDir] = [whole(base, "base"), whole(head, "head")];
    const changes = await changesBetweenTrees({ dir: baseDir, files: await listFiles(baseDir) }, { dir: headDir, files: await listFiles(headDir) });
    const full = await reviewTrees({ base: { sha: base, dir: baseDir }, head: { sha: head, dir: headDir }, changes, today: "2026-11-20" });
    expect(full.review.newViolations.map((v) => v.from)).toEqual(["packages/lib/src/index.ts"]);

    // The base's graph and manifest, as a review of the whole base tree leaves them.
    await reviewTrees({ base: { sha: base, dir: baseDir }, head: { sha: base, dir: baseDir }, changes: [], today: "2026-11-20", cache: cache() });
    const request = await listedRequest({ sha: base, dir: baseDir }, { sha: head, dir: headDir }, changes);
    for (const c of changes.filter((c) => c.kind !== "deleted")) {
      mkdirSync(path.dirname(path.join(request.head.dir, c.path)), { recursive: true });
      writeFileSync(path.join(request.head.dir, c.path), readFileSync(path.join(headDir, c.path)));
    }
    const listed = await reviewTrees(request);

    expect(comparable(listed.review)).toEqual(comparable(full.review));
    const stored = await new DiskGraphCache(cacheDir()).get<TreeManifest>(manifestKey(REPOSITORY, head));
    expect(stored).toEqual(await readManifest({ root: headDir, allFiles: await listFiles(headDir), skippedDirs: [] }));
  });

  it("judge dependency-cruiser's rules as the whole trees do: on the cached base graph and the derived head graph (ADR 0007)", async () => {
    const { base, head } = await change();
    const [baseDir, headDir] = [whole(base, "base"), whole(head, "head")];
    const changes = await changesBetweenTrees({ dir: baseDir, files: await listFiles(baseDir) }, { dir: headDir, files: await listFiles(headDir) });
    const rules = { file: ".github/archreview.yml", text: 'forbidden:\n  - name: no-circular\n    from: {}\n    to: { circular: true }\n  - name: lib-not-to-app\n    from: { path: "^packages/lib/" }\n    to: { path: "^packages/app/" }\n' };
    const full = await reviewTrees({ base: { sha: base, dir: baseDir }, head: { sha: head, dir: headDir }, changes, configOverride: rules, today: "2026-11-20" });
    expect(full.review.newViolations.map((v) => v.rule).sort()).toEqual(["lib-not-to-app", "no-circular"]);
    await reviewTrees({ base: { sha: base, dir: baseDir }, head: { sha: base, dir: baseDir }, changes: [], configOverride: rules, today: "2026-11-20", cache: cache() });
    const request = await listedRequest({ sha: base, dir: baseDir }, { sha: head, dir: headDir }, changes);
    for (const c of changes.filter((c) => c.kind !== "deleted")) {
      mkdirSync(path.dirname(path.join(request.head.dir, c.path)), { recursive: true });
      writeFileSync(path.join(request.head.dir, c.path), readFileSync(path.join(headDir, c.path)));
    }
    const listed = await reviewTrees({ ...request, configOverride: rules });
    expect(comparable(listed.review)).toEqual(comparable(full.review));
  });

  it("refuse to go on without the base graph in the cache, or when imports may resolve anew", async () => {
    const { base, head } = await change();
    const [baseDir, headDir] = [whole(base, "base"), whole(head, "head")];
    await reviewTrees({ base: { sha: base, dir: baseDir }, head: { sha: base, dir: baseDir }, changes: [], today: "2026-11-20", cache: cache() });
    const request = await listedRequest({ sha: base, dir: baseDir }, { sha: head, dir: headDir }, [{ kind: "modified", path: "packages/app/src/index.ts" }]);
    await expect(reviewTrees({ ...request, cache: { ...cache(), repository: "acme/other" } })).rejects.toThrow(ListedTreesUnusable);
    await expect(reviewTrees({ ...request, changes: [{ kind: "modified", path: "packages/app/tsconfig.json" }] })).rejects.toThrow("changes how imports resolve");
  });
});

describe("tree manifests", () => {
  it("hold the file list and the support files' text", async () => {
    const { base } = await change();
    const dir = whole(base, "base");
    const manifest = await readManifest({ root: dir, allFiles: await listFiles(dir), skippedDirs: [] });
    expect(manifest.unusable).toBeNull();
    expect(manifest.files).toContain("tools/build.ts");
    expect(Object.keys(manifest.support).sort()).toEqual([
      ".github/archreview.yml",
      "package.json",
      "packages/app/package.json",
      "packages/app/tsconfig.json",
      "packages/lib/package.json",
      "packages/lib/tsconfig.json",
      "tsconfig.base.json",
    ]);
  });

  it("are unusable when module resolution would read what they lack", async () => {
    const { base } = await change();
    const dir = whole(base, "base");
    const files = await listFiles(dir);
    expect((await readManifest({ root: dir, allFiles: files, skippedDirs: ["packages/app/node_modules"] })).unusable).toMatch(/node_modules/);
    writeFileSync(path.join(dir, "packages/app/tsconfig.json"), '{ "extends": "../../configs/base" }');
    mkdirSync(path.join(dir, "configs"));
    writeFileSync(path.join(dir, "configs/base.json"), "{}");
    const unusable = await readManifest({ root: dir, allFiles: [...files, "configs/base.json"].sort(), skippedDirs: [] });
    expect(unusable).toEqual({ files: [], support: {}, unusable: "packages/app/tsconfig.json extends a file that is not a support file" });
  });
});
