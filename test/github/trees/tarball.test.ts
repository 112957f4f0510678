import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import nock from "nock";
import { PlainOctokit } from "../../helpers/plain-octokit.js";
import { DEFAULT_SNAPSHOT_LIMITS, SnapshotRejected, type SnapshotLimits } from "../../../src/archive/limits.js";
import { downloadTree } from "../../../src/github/trees/tarball-download.js";
import { extractTarball } from "../../../src/archive/extract.js";

const REPO_FILES: Record<string, string> = {
  "README.md": "# demo\n",
  "package.json": '{ "name": "demo" }\n',
  // The longest file: the oversize test skips exactly this one.
  "src/index.ts": 'export * from "./lib/util.js"; // entry point\n',
  "src/lib/util.ts": "export const answer = 42;\n",
  "src/lib/deep/er/most.ts": "export {};\n",
  "docs/with space.md": "spaces are fine\n",
  ".github/workflows/ci.yml": "on: push\n",
  "scripts/run.sh": "#!/bin/sh\necho never executed\n",
};

let work: string;
let archive: Buffer;

/** `git archive` output shaped like GitHub's tarball: pax_global_header plus one `<owner>-<repo>-<sha>/` folder. */
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "archreview-tarball-repo-"));
  const repo = path.join(work, "repo");
  for (const [name, text] of Object.entries(REPO_FILES)) {
    mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    writeFileSync(path.join(repo, name), text);
  }
  chmodSync(path.join(repo, "scripts/run.sh"), 0o755);
  // A real symlink entry as git archive writes it: left out of the snapshot and reported.
  symlinkSync("../README.md", path.join(repo, "docs/readme-link.md"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: repo,
      maxBuffer: 64 << 20,
    });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "init");
  archive = git("archive", "--format=tar.gz", "--prefix=owner-repo-abc1234/", "HEAD");
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

let parent: string;
let dir: string;

beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), "archreview-tarball-"));
  dir = path.join(parent, "snapshot");
  mkdirSync(dir);
});

afterEach(() => rmSync(parent, { recursive: true, force: true }));

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function rejection(promise: Promise<unknown>): Promise<SnapshotRejected> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SnapshotRejected);
  expect(readdirSync(parent)).toEqual(["snapshot"]);
  expect(readdirSync(dir)).toEqual([]);
  return error as SnapshotRejected;
}

/** The archive up to `text` (its first bytes), or up to the block boundary after it. */
function cutAfter(tar: Buffer, text: string, block = 1): Buffer {
  const end = tar.indexOf(text) + Math.min(3, text.length);
  return tar.subarray(0, Math.ceil(end / block) * block);
}

const limitsWith = (overrides: Partial<SnapshotLimits>): SnapshotLimits => ({ ...DEFAULT_SNAPSHOT_LIMITS, ...overrides });
const totalBytes = Object.values(REPO_FILES).reduce((sum, text) => sum + Buffer.byteLength(text), 0);

describe("extractTarball on a git archive", () => {
  it("reproduces the repository's files without the top folder or the pax header", async () => {
    expect(gunzipSync(archive).subarray(0, 17).toString()).toBe("pax_global_header");
    const result = await extractTarball(archive, dir);
    expect(result).toEqual({ files: 8, bytes: totalBytes, skippedLargeFiles: [], skippedLinks: ["docs/readme-link.md"] });
    expect(existsSync(path.join(dir, "docs/readme-link.md"))).toBe(false);
    expect(listFiles(dir)).toEqual(Object.keys(REPO_FILES).sort());
    for (const [name, text] of Object.entries(REPO_FILES)) expect(readFileSync(path.join(dir, name), "utf8")).toBe(text);
    // Written as data, never executable, whatever the archive says.
    expect(statSync(path.join(dir, "scripts/run.sh")).mode & 0o111).toBe(0);
    expect(readdirSync(parent)).toEqual(["snapshot"]);
  });

  it("accepts the same archive uncompressed", async () => {
    const result = await extractTarball(gunzipSync(archive), dir);
    expect(result.files).toBe(8);
    expect(listFiles(dir)).toEqual(Object.keys(REPO_FILES).sort());
  });

  it("skips and reports a file over maxFileBytes instead of failing the review", async () => {
    const big = REPO_FILES["src/index.ts"]!;
    const result = await extractTarball(archive, dir, limitsWith({ maxFileBytes: big.length - 1 }));
    expect(result).toEqual({ files: 7, bytes: totalBytes - big.length, skippedLargeFiles: ["src/index.ts"], skippedLinks: ["docs/readme-link.md"] });
    expect(listFiles(dir)).toEqual(Object.keys(REPO_FILES).filter((name) => name !== "src/index.ts").sort());
  });

  it("refuses more unpacked bytes than maxTotalBytes", async () => {
    const error = await rejection(extractTarball(archive, dir, limitsWith({ maxTotalBytes: 4096 })));
    expect(error.reason).toBe("unpacked-too-large");
    expect(error.message).toBe("The repository snapshot unpacks to more than 4 KiB (limit maxTotalBytes).");
  });

  it.each([
    ["a truncated gzip stream", () => archive.subarray(0, archive.length - 20)],
    ["a tar cut inside a header", () => gunzipSync(archive).subarray(0, 512 * 4 + 100)],
    ["a tar cut inside a file's content", () => cutAfter(gunzipSync(archive), "# demo")],
    ["a tar cut at an entry boundary", () => cutAfter(gunzipSync(archive), "# demo\n", 512)],
    ["a gzip stream with damaged bytes", () => Buffer.concat([archive.subarray(0, 30), Buffer.alloc(200, 0xff), archive.subarray(230)])],
    ["bytes that are no archive at all", () => Buffer.from("<html>Not Found</html>".repeat(40))],
    ["an empty download", () => Buffer.alloc(0)],
    ["a gzipped empty download", () => gzipSync(Buffer.alloc(0))],
  ])("refuses %s as corrupt", async (_name, make) => {
    const error = await rejection(extractTarball(make(), dir));
    expect(error.reason).toBe("corrupt-archive");
  });

  it("refuses a folder that is not empty rather than risk clearing it", async () => {
    writeFileSync(path.join(dir, "keep.txt"), "mine");
    await expect(extractTarball(archive, dir)).rejects.toThrow("needs an empty directory");
    expect(readdirSync(dir)).toEqual(["keep.txt"]);
  });
});

describe("downloadTree", () => {
  const octokit = new PlainOctokit({ auth: { token: "test" } });
  const ref = { owner: "base-owner", repo: "repo", sha: "0123456789abcdef0123456789abcdef01234567" };
  const codeloadPath = `/base-owner/repo/legacy.tar.gz/${ref.sha}`;

  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  function redirectToCodeload(): void {
    nock("https://api.github.com")
      .get(`/repos/base-owner/repo/tarball/${ref.sha}`)
      .reply(302, "", { location: `https://codeload.github.com${codeloadPath}` });
  }

  it("follows GitHub's redirect to codeload and unpacks the archive", async () => {
    redirectToCodeload();
    // The installation token must not travel to the redirect target.
    nock("https://codeload.github.com", { badheaders: ["authorization"] })
      .get(codeloadPath)
      .reply(200, archive, { "content-type": "application/x-gzip", "content-length": String(archive.length) });
    const result = await downloadTree(octokit, ref, dir);
    expect(result.files).toBe(8);
    expect(listFiles(dir)).toEqual(Object.keys(REPO_FILES).sort());
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("refuses an archive whose Content-Length is over maxArchiveBytes", async () => {
    expect(archive.length).toBeGreaterThan(512);
    redirectToCodeload();
    nock("https://codeload.github.com")
      .get(codeloadPath)
      .reply(200, archive, { "content-type": "application/x-gzip", "content-length": String(archive.length) });
    const error = await rejection(downloadTree(octokit, ref, dir, limitsWith({ maxArchiveBytes: 512 })));
    expect(error.reason).toBe("archive-too-large");
    expect(error.message).toBe("The repository archive is larger than 512 bytes (limit maxArchiveBytes).");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("counts received bytes when no Content-Length is sent", async () => {
    redirectToCodeload();
    nock("https://codeload.github.com")
      .get(codeloadPath)
      .reply(200, () => Readable.from([archive.subarray(0, 300), archive.subarray(300)]), { "content-type": "application/x-gzip" });
    const error = await rejection(downloadTree(octokit, ref, dir, limitsWith({ maxArchiveBytes: 512 })));
    expect(error.reason).toBe("archive-too-large");
    expect(error.detail).toBe("received more than 512 bytes");
    expect(nock.pendingMocks()).toEqual([]);
  });
});
