// When the changed files alone cannot give the tarballs' review, fetchChangedFiles says so before
// asking GitHub anything; a path no snapshot may hold rejects the review as a tarball would.
import { describe, expect, it } from "@jest/globals";
import { fetchChangedFiles, type ChangedFilesRequest } from "../../../src/github/trees/changed-files.js";
import type { ComparedFile } from "../../../src/pipeline/comparison.js";
import type { GitHubClient } from "../../../src/github/api/client.js";
import { DEFAULT_SNAPSHOT_LIMITS, SnapshotRejected } from "../../../src/archive/limits.js";

/** Any request would throw: none may be made. */
const octokit = new Proxy({}, { get: () => { throw new Error("no GitHub request expected"); } }) as GitHubClient;

function request(files: ComparedFile[], complete = true): ChangedFilesRequest {
  return {
    octokit,
    repo: { owner: "o", repo: "r" },
    comparison: { mergeBase: "b".repeat(40), files, complete },
    headSha: "h".repeat(40),
    dirs: { base: "/nonexistent/base", head: "/nonexistent/head" },
    cache: { dir: "/nonexistent/cache", repository: "o/r" },
    limits: DEFAULT_SNAPSHOT_LIMITS,
  };
}

const modified = (filename: string, previous?: string): ComparedFile => ({ filename, status: previous ? "renamed" : "modified", sha: "a".repeat(40), ...(previous ? { previous_filename: previous } : {}) });

describe("fetchChangedFiles refuses", () => {
  it.each([
    ["no cache", { ...request([modified("src/a.ts")]), cache: null }, "no graph cache"],
    ["a cut file list", request([modified("src/a.ts")], false), "the compare API did not list every changed file"],
    ["a file list shorter than the PR's", { ...request([modified("src/a.ts")]), changedFiles: 2 }, "the compare API listed 1 of the pull request's 2 changed files"],
    ["a changed package.json", request([modified("src/a.ts"), modified("packages/x/package.json")]), "packages/x/package.json changed"],
    ["a tsconfig renamed away", request([modified("tsconfig.app.json", "tsconfig.json")]), "tsconfig.app.json changed"],
    ["a changed configuration", request([modified(".github/archreview.yml")]), ".github/archreview.yml changed"],
    ["a vendored file", request([modified("node_modules/x/index.js")]), "node_modules/x/index.js changed"],
    ["101 changed files", request(Array.from({ length: 101 }, (_, i) => modified(`src/f${i}.ts`))), "101 changed files (fetched one by one past 100)"],
  ])("%s: the tarballs are needed", async (_what, req, reason) => {
    expect(await fetchChangedFiles(req)).toEqual({ use: "tarballs", reason });
  });

  it.each(["../outside.ts", "/etc/passwd", "src//a.ts", "src/./a.ts", "src\\a.ts"])("a path no snapshot may hold (%s): the snapshot is rejected", async (name) => {
    await expect(fetchChangedFiles(request([modified("src/ok.ts"), modified(name)]))).rejects.toThrow(SnapshotRejected);
  });
});
