// The `git cat-file --batch` reader: answers matched to requests in order, a missing object as null,
// a blob split over many chunks (or many blobs in one chunk) read whole, a stopped process failing every wait.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "@jest/globals";
import { BlobStream, parseTreeListing, type GitProcesses, type StartedGit } from "../../src/extract/git-objects.js";

function fakeGit(): { processes: GitProcesses; asked: string[]; answer(bytes: Buffer): void; stop(): void } {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const asked: string[] = [];
  let stop = (): void => undefined;
  const closed = new Promise<void>((resolve) => (stop = resolve));
  stdin.on("data", (d: Buffer) => asked.push(...d.toString().split("\n").filter(Boolean)));
  const started: StartedGit = { stdin, stdout, closed, kill: () => stop() };
  const processes: GitProcesses = {
    run: () => Promise.reject(new Error("not used")),
    runSync: () => {
      throw new Error("not used");
    },
    start: (args) => (expect(args).toEqual(["cat-file", "--batch"]), started),
  };
  return { processes, asked, answer: (bytes) => void stdout.write(bytes), stop: () => stop() };
}

const blob = (oid: string, text: string): Buffer => Buffer.concat([Buffer.from(`${oid} blob ${Buffer.byteLength(text)}\n`), Buffer.from(text), Buffer.from("\n")]);

describe("BlobStream", () => {
  it("answers pipelined requests in order, across chunk boundaries, with null for a missing object", async () => {
    const git = fakeGit();
    const stream = new BlobStream("/repo", git.processes);
    const reads = [stream.read("a1"), stream.read("b2"), stream.read("c3")];
    const all = Buffer.concat([blob("a1", "first\nline\n"), Buffer.from("b2 missing\n"), blob("c3", "x".repeat(100_000))]);
    for (let at = 0; at < all.length; at += 7) git.answer(all.subarray(at, at + 7));
    const [a, b, c] = await Promise.all(reads);
    expect(a?.toString()).toBe("first\nline\n");
    expect(b).toBeNull();
    expect(c?.length).toBe(100_000);
    expect(git.asked).toEqual(["a1", "b2", "c3"]);
  });

  it("sends the requests of one tick in one write, and those of a later tick after them", async () => {
    const git = fakeGit();
    const writes: string[] = [];
    const stream = new BlobStream("/repo", {
      ...git.processes,
      start: (args, cwd) => {
        const started = git.processes.start(args, cwd);
        started.stdin.on("data", (d: Buffer) => writes.push(d.toString()));
        return started;
      },
    });
    const first = [stream.read("a1"), stream.read("b2")];
    await Promise.resolve();
    const later = stream.read("c3");
    git.answer(Buffer.concat([blob("a1", "A"), blob("b2", "B"), blob("c3", "C")]));
    expect((await Promise.all([...first, later])).map((b) => b?.toString())).toEqual(["A", "B", "C"]);
    expect(writes).toEqual(["a1\nb2\n", "c3\n"]);
  });

  it("sends the requests still unsent when closed", async () => {
    const git = fakeGit();
    const stream = new BlobStream("/repo", git.processes);
    const read = stream.read("a1");
    const closing = stream.close();
    git.answer(blob("a1", "A"));
    expect((await read)?.toString()).toBe("A");
    git.stop();
    await closing;
    expect(git.asked).toEqual(["a1"]);
  });

  it("fails the reads still waiting when git stops", async () => {
    const git = fakeGit();
    const stream = new BlobStream("/repo", git.processes);
    const read = stream.read("a1");
    git.stop();
    await expect(read).rejects.toThrow("git cat-file stopped");
    await expect(stream.read("b2")).rejects.toThrow("git cat-file stopped");
  });
});

describe("parseTreeListing", () => {
  it("reads ls-tree -r -l -z entries: files, links, submodules, names with tabs and spaces", () => {
    const out = Buffer.from("100644 blob aaaa      12\ta b.ts\u0000120000 blob bbbb      18\tlink\tx\u0000160000 commit cccc       -\tvendor/sub\u0000");
    expect(parseTreeListing(out)).toEqual(
      new Map([
        ["a b.ts", { mode: "100644", object: "aaaa", size: 12 }],
        ["link\tx", { mode: "120000", object: "bbbb", size: 18 }],
        ["vendor/sub", { mode: "160000", object: "cccc", size: 0 }],
      ]),
    );
  });
});
