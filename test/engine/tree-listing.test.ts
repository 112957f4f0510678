// `git ls-tree -r -l -z` read by hand (extract/git-objects.ts): every entry's path, mode, object and
// size as git's own plumbing states them, for names with spaces, tabs, non-ASCII letters, links and
// submodules, from a Buffer (this thread) or a Uint8Array (a listing cloned into the review worker).
import { symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { runGit } from "../../src/git/git.js";
import { BlobStream, listingArgs, nodeGitProcesses, parseTreeListing, type GitEntry, type GitProcesses } from "../../src/extract/git-objects.js";
import { gitTree } from "../../src/extract/git-tree.js";
import { buildGraphIndex } from "../../src/extract/graph-index.js";
import { listTree } from "../../src/extract/snapshot.js";
import { FIXTURES } from "../cli/harness.js";

let repo: SampleRepository;
let sha: string;
const SUBMODULE_COMMIT = "0123456789abcdef0123456789abcdef01234567";

async function git(args: string[]): Promise<string> {
  const r = await runGit(args, { cwd: repo.dir });
  if (r.code !== 0) throw new Error(`git ${args[0]}: ${r.stderr}`);
  return r.stdout.toString();
}

beforeAll(async () => {
  repo = await SampleRepository.create();
  await repo.write("a b.ts", "export const a = 1;\n");
  await repo.write("tab\there.ts", "export {};\n");
  await repo.write("dé/ünïcode 名.ts", "export const u = 'ü';\n");
  await repo.write("empty.ts", "");
  await repo.write("big/large.json", JSON.stringify({ fill: "x".repeat(12_345) }));
  await symlink("a b.ts", path.join(repo.dir, "link.ts"));
  await repo.commit("awkward names");
  // A submodule entry without its checkout: `git add --all` would drop it, so it is committed on its own.
  await git(["update-index", "--add", "--cacheinfo", `160000,${SUBMODULE_COMMIT},vendored`]);
  await git(["-c", "user.name=archreview", "-c", "user.email=archreview@example.invalid", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "submodule"]);
  sha = (await git(["rev-parse", "HEAD"])).trim();
}, 60_000);
afterAll(async () => repo?.dispose());

/** What git's plumbing says of every entry, one command per fact: ls-files (the index just committed) for mode and object, cat-file for size. */
async function plumbingEntries(): Promise<Map<string, GitEntry>> {
  const entries = new Map<string, GitEntry>();
  for (const record of (await git(["ls-files", "-s", "-z"])).split("\0").filter(Boolean)) {
    const tab = record.indexOf("\t");
    const [mode = "", object = ""] = record.slice(0, tab).split(" ");
    const size = mode === "160000" ? 0 : Number((await git(["cat-file", "-s", object])).trim());
    entries.set(record.slice(tab + 1), { mode, object, size });
  }
  return entries;
}

describe("parseTreeListing", () => {
  it("reads every entry as git's plumbing states it, from a Buffer or a Uint8Array copy", async () => {
    const out = await nodeGitProcesses.run(listingArgs(sha), repo.dir);
    const expected = await plumbingEntries();
    expect(expected.size).toBe(7);
    expect(expected.get("vendored")).toEqual({ mode: "160000", object: SUBMODULE_COMMIT, size: 0 });
    expect(expected.get("link.ts")?.mode).toBe("120000");
    const fromBuffer = parseTreeListing(out);
    expect(new Map([...fromBuffer].sort())).toEqual(new Map([...expected].sort()));
    const cloned = structuredClone(new Uint8Array(out));
    expect(Buffer.isBuffer(cloned)).toBe(false);
    expect(parseTreeListing(cloned)).toEqual(fromBuffer);
  });

  it("reads an empty listing (git's empty tree) as no entries", () => {
    expect(parseTreeListing(new Uint8Array()).size).toBe(0);
  });
});

describe("a tree opened from its listing", () => {
  it.each(["resolution-monorepo", "resolution-pnpm"])("has every support file of %s read up front: resolving its imports starts no git of its own", async (fixture) => {
    const sample = await SampleRepository.create(path.join(FIXTURES, fixture));
    const commands: string[] = [];
    const processes: GitProcesses = {
      run: (args, cwd) => (commands.push(args.join(" ")), nodeGitProcesses.run(args, cwd)),
      runSync: (args, cwd) => (commands.push(args.join(" ")), nodeGitProcesses.runSync(args, cwd)),
      start: (args, cwd) => (commands.push(args.join(" ")), nodeGitProcesses.start(args, cwd)),
    };
    const blobs = new BlobStream(sample.dir, processes);
    try {
      const tree = await sample.commit("fixture");
      const listing = await nodeGitProcesses.run(listingArgs(tree), sample.dir);
      const opened = await gitTree({ repo: sample.dir, sha: tree, root: "/archreview-git-objects/head", blobs, processes, listing });
      const listed = await listTree(opened, []);
      const graph = await buildGraphIndex(opened, listed);
      expect(graph.edges.length).toBeGreaterThan(0);
      expect(commands).toEqual(["cat-file --batch"]);
    } finally {
      await blobs.close();
      await sample.dispose();
    }
  });
});
