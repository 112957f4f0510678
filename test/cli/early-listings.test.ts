// The CLI lists both trees (`git ls-tree`) beside its diff, while the review worker still boots, and
// hands the listings in with the request: the engine then runs no ls-tree of its own. Without them (the
// App's directory trees, a listing git refused) the engine lists the trees itself, and the review,
// its output and its error messages are the same either way.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { runCli, type CliIO } from "../../src/cli/run.js";
import { SampleRepository } from "../../src/cli/sample-repo.js";
import { EMPTY_TREE, Git, runGit, type GitRunner } from "../../src/git/git.js";
import { reviewTrees, type ReviewRequest } from "../../src/engine/index.js";
import { nodeGitProcesses, type GitProcesses } from "../../src/extract/git-objects.js";
import { FIXTURES } from "./harness.js";

let repo: SampleRepository;
let base: string;
let head: string;

beforeAll(async () => {
  repo = await SampleRepository.create(path.join(FIXTURES, "resolution-monorepo"));
  base = await repo.commit("base");
  await repo.write("packages/extra.ts", "import './nowhere';\nexport const added = 1;\n");
  head = await repo.commit("head");
}, 60_000);
afterAll(async () => repo?.dispose());

/** The engine's git processes, each command recorded (first argument and the rest joined). */
function recordingProcesses(commands: string[]): GitProcesses {
  return {
    run: (args, cwd) => (commands.push(args.join(" ")), nodeGitProcesses.run(args, cwd)),
    runSync: (args, cwd) => (commands.push(args.join(" ")), nodeGitProcesses.runSync(args, cwd)),
    start: (args, cwd) => (commands.push(args.join(" ")), nodeGitProcesses.start(args, cwd)),
  };
}

interface RecordedRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Commands the CLI's thread ran; commands the engine ran; the requests it was handed. */
  cliGit: string[];
  engineGit: string[];
  requests: Omit<ReviewRequest, "onProgress" | "now">[];
}

/** Runs the CLI in-process; `cliGit` may refuse some of the CLI's own git commands (as a damaged repository would). */
async function recordedCli(args: string[], refuse: (gitArgs: string[]) => boolean = () => false): Promise<RecordedRun> {
  const run: RecordedRun = { code: 0, stdout: "", stderr: "", cliGit: [], engineGit: [], requests: [] };
  const git: GitRunner = async (gitArgs, options) => {
    run.cliGit.push(gitArgs.join(" "));
    return refuse(gitArgs) ? { code: 128, stdout: Buffer.alloc(0), stderr: "fatal: refused by the test\n" } : runGit(gitArgs, options);
  };
  const io: CliIO = {
    stdout: { write: (t: string) => (run.stdout += t) },
    stderr: { write: (t: string) => (run.stderr += t) },
    cwd: repo.dir,
    env: {},
    today: "2026-12-04",
    git,
    analyse: (request, _limits, onProgress) => {
      run.requests.push(request);
      return reviewTrees({ ...request, onProgress, gitProcesses: recordingProcesses(run.engineGit) });
    },
  };
  run.code = await runCli(args, io);
  return run;
}

const lsTrees = (commands: string[]): string[] => commands.filter((c) => c.startsWith("ls-tree"));
const reviewArgs = (): string[] => ["review", "--base", base, "--head", head, "--format", "json", "--no-cache", "--no-merge-base"];

describe("the CLI's listings of the reviewed trees", () => {
  it("are run by the CLI for both revisions and handed in, byte for byte what the engine would list: the engine runs no ls-tree", async () => {
    const run = await recordedCli(reviewArgs());
    expect(run.code).toBe(0);
    expect(lsTrees(run.cliGit).sort()).toEqual([`ls-tree -r -l -z --full-tree ${base}`, `ls-tree -r -l -z --full-tree ${head}`].sort());
    expect(lsTrees(run.engineGit)).toEqual([]);
    expect(run.engineGit).toContain("cat-file --batch");
    const [request] = run.requests;
    for (const side of [request?.base, request?.head]) {
      const own = await nodeGitProcesses.run(["ls-tree", "-r", "-l", "-z", "--full-tree", side?.sha ?? ""], repo.dir);
      expect(Buffer.from(side?.listing ?? new Uint8Array()).equals(own)).toBe(true);
      // Its own memory, not a view of Node's shared Buffer pool: the worker is sent exactly the listing.
      expect(side?.listing?.buffer.byteLength).toBe(own.length);
    }
  });

  it("are left to the engine when git refuses them in the CLI, with the same review on stdout", async () => {
    const listed = await recordedCli(reviewArgs());
    const unlisted = await recordedCli(reviewArgs(), (gitArgs) => gitArgs[0] === "ls-tree");
    expect(unlisted.code).toBe(listed.code);
    expect(unlisted.requests[0]?.base.listing).toBeUndefined();
    expect(unlisted.requests[0]?.head.listing).toBeUndefined();
    expect(lsTrees(unlisted.engineGit).sort()).toEqual([`ls-tree -r -l -z --full-tree ${base}`, `ls-tree -r -l -z --full-tree ${head}`].sort());
    // stats.ms is a timing: everything else is byte-identical.
    const withoutMs = (json: string): string => json.replace(/"ms": \d+/, '"ms": 0');
    expect(withoutMs(unlisted.stdout)).toBe(withoutMs(listed.stdout));
    expect(JSON.parse(listed.stdout).stats.modulesHead).toBe(JSON.parse(listed.stdout).stats.modulesBase + 1);
  });

  it("are run once when both sides are the same revision, and for `check` too (git's empty tree as its base)", async () => {
    const same = await recordedCli(["review", "--base", head, "--head", head, "--format", "json", "--no-cache", "--no-merge-base"]);
    expect(same.code).toBe(0);
    expect(lsTrees(same.cliGit)).toEqual([`ls-tree -r -l -z --full-tree ${head}`]);
    expect(lsTrees(same.engineGit)).toEqual([]);
    const check = await recordedCli(["check", "--rev", head, "--format", "json", "--no-cache"]);
    expect(check.code).not.toBe(2);
    expect(lsTrees(check.cliGit)).toEqual([`ls-tree -r -l -z --full-tree ${EMPTY_TREE}`, `ls-tree -r -l -z --full-tree ${head}`]);
    expect(lsTrees(check.engineGit)).toEqual([]);
    expect(check.requests[0]?.base.listing?.length).toBe(0);
  });
});

describe("a review handed no listings", () => {
  it("lists both trees in the engine and equals the review handed them", async () => {
    const git = new Git(repo.dir);
    const changes = await git.changes(base, head);
    const [baseListing, headListing] = [await git.treeListing(base), await git.treeListing(head)];
    expect(baseListing?.length).toBeGreaterThan(0);
    const side = (sha: string, name: "base" | "head") => ({ sha, dir: `/archreview-git-objects/${name}`, git: repo.dir });
    const listedCommands: string[] = [];
    const unlistedCommands: string[] = [];
    const listed = await reviewTrees({
      base: { ...side(base, "base"), listing: baseListing ?? undefined },
      head: { ...side(head, "head"), listing: headListing ?? undefined },
      changes,
      today: "2026-12-04",
      gitProcesses: recordingProcesses(listedCommands),
    });
    const unlisted = await reviewTrees({ base: side(base, "base"), head: side(head, "head"), changes, today: "2026-12-04", gitProcesses: recordingProcesses(unlistedCommands) });
    expect(lsTrees(listedCommands)).toEqual([]);
    expect(lsTrees(unlistedCommands).sort()).toEqual([`ls-tree -r -l -z --full-tree ${base}`, `ls-tree -r -l -z --full-tree ${head}`].sort());
    const comparable = (o: typeof unlisted): string => JSON.stringify({ ...o.review, stats: { ...o.review.stats, ms: 0 } });
    expect(comparable(listed)).toBe(comparable(unlisted));
    expect(unlisted.review.stats.modulesHead).toBe(unlisted.review.stats.modulesBase + 1);
  });
});

describe("a damaged repository", () => {
  it("fails with the same message whether the CLI listed the trees or the engine did", async () => {
    const damaged = await SampleRepository.create(path.join(FIXTURES, "resolution-monorepo"));
    try {
      const first = await damaged.commit("base");
      await damaged.write("packages/lost.ts", "export const lost = 1;\n");
      const second = await damaged.commit("head");
      const lost = (await runGit(["rev-parse", `${second}:packages/lost.ts`], { cwd: damaged.dir })).stdout.toString().trim();
      await rm(path.join(damaged.dir, ".git", "objects", lost.slice(0, 2), lost.slice(2)));
      const args = ["review", "--repo", damaged.dir, "--base", first, "--head", second, "--format", "json", "--no-cache", "--no-merge-base"];
      const listed = await recordedCli(args);
      const unlisted = await recordedCli(args, (gitArgs) => gitArgs[0] === "ls-tree");
      expect(listed.requests[0]?.head.listing?.length).toBeGreaterThan(0);
      expect(unlisted.requests[0]?.head.listing).toBeUndefined();
      expect(listed.code).toBe(2);
      expect(listed.stderr).toContain("packages/lost.ts is missing");
      expect(unlisted.code).toBe(listed.code);
      // Progress lines appear only after a second: a timing, not part of the message.
      const message = (stderr: string): string => stderr.split("\n").filter((l) => !l.endsWith("…")).join("\n");
      expect(message(unlisted.stderr)).toBe(message(listed.stderr));
    } finally {
      await damaged.dispose();
    }
  });
});
