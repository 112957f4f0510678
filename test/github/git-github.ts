// GitHub's answers about commits, computed with git from a test repository: the compare API
// (merge base and changed files, renames detected as git detects them), the contents API (object
// media type: files under 1 MB inline, larger ones left to the blob API, submodules and symlinks as
// GitHub shows them) and the blob API. Served through nock, every request recorded.
import { execFileSync } from "node:child_process";
import nock from "nock";
import { API, REPO_PATH } from "./app-harness.js";

type CompareStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed";
export interface CompareEntry {
  filename: string;
  status: CompareStatus;
  previous_filename?: string;
  sha: string;
}

export interface CompareReply {
  merge_base_commit: { sha: string };
  files: CompareEntry[];
}

const git = (dir: string, args: string[]): Buffer => execFileSync("git", args, { cwd: dir, maxBuffer: 256 * 1024 * 1024 });
const text = (dir: string, args: string[]): string => git(dir, args).toString("utf8").trim();

const STATUS: Record<string, CompareStatus> = { A: "added", D: "removed", M: "modified", R: "renamed", C: "copied", T: "changed" };

/** What GitHub's `compare/{base}...{head}` answers for two commits of `dir` (the fields archreview reads). */
export function compareOf(dir: string, base: string, head: string): CompareReply {
  const mergeBase = text(dir, ["merge-base", base, head]);
  const fields = git(dir, ["diff", "--raw", "-z", "-M", "--no-abbrev", mergeBase, head]).toString("utf8").split("\0");
  const files: CompareEntry[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const [, , oldSha, newSha, code] = (fields[i++] as string).slice(1).split(" ") as string[];
    const status = STATUS[(code as string)[0] as string] as CompareStatus;
    const first = fields[i++] as string;
    if (status === "renamed" || status === "copied") files.push({ filename: fields[i++] as string, status, previous_filename: first, sha: newSha as string });
    else files.push({ filename: first, status, sha: (status === "removed" ? oldSha : newSha) as string });
  }
  return { merge_base_commit: { sha: mergeBase }, files };
}

export function serveCompare(base: string, head: string, reply: CompareReply): void {
  nock(API).get(`${REPO_PATH}/compare/${base}...${head}`).reply(200, reply);
}

/** What the pull request's file list says of the same change (its renames, for the tarball path). */
export function pullFilesOf(reply: CompareReply): { filename: string; status: string; previous_filename?: string }[] {
  return reply.files.map(({ filename, status, previous_filename }) => ({ filename, status, ...(previous_filename ? { previous_filename } : {}) }));
}

const MB = 1024 * 1024;

/** Base64 as GitHub sends it: a line break every 60 characters. */
const wrapped = (content: Buffer): string => (content.toString("base64").match(/.{1,60}/g) ?? []).join("\n");

/** The contents API's object for `file` at `ref`, or null (404). */
export function contentsOf(dir: string, ref: string, file: string): Record<string, unknown> | null {
  const listed = text(dir, ["ls-tree", "-z", ref, "--", file]).split("\0")[0];
  if (!listed) return null;
  const [meta = "", name = ""] = listed.split("\t");
  const [mode, , sha] = meta.split(" ") as [string, string, string];
  if (mode === "160000") return { type: "submodule", sha, path: name, size: 0 };
  if (mode === "120000") {
    // A symlink to a file of the repository is served as that file.
    const target = git(dir, ["cat-file", "blob", sha]).toString("utf8");
    const resolved = new URL(target, `file:///${name}`).pathname.slice(1);
    return contentsOf(dir, ref, resolved) ?? { type: "symlink", sha, path: name, target, size: target.length };
  }
  const content = git(dir, ["cat-file", "blob", sha]);
  const inline = content.length <= MB;
  return { type: "file", sha, path: name, size: content.length, encoding: inline ? "base64" : "none", content: inline ? wrapped(content) : "" };
}

/** The blob API's answer for `sha`. */
export function blobOf(dir: string, sha: string): Record<string, unknown> {
  const content = git(dir, ["cat-file", "blob", sha]);
  return { sha, size: content.length, encoding: "base64", content: wrapped(content) };
}

/** The compared files whose head version a review fetches (all but removals). */
export function touchedOf(reply: CompareReply): string[] {
  return reply.files.filter((f) => f.status !== "removed").map((f) => f.filename);
}

export interface Served {
  /** `ref:path` of every contents request, in order. */
  contents: string[];
  blobs: string[];
}

/** Answers every contents (`?ref=`) and blob request from `dir`, for the rest of the test. */
export function serveFilesFrom(dir: string): Served {
  const served: Served = { contents: [], blobs: [] };
  nock(API)
    .persist()
    .get(new RegExp(`^${REPO_PATH}/contents/[^?]+\\?ref=[0-9a-f]{40}$`))
    .reply((uri) => {
      const [, encoded = "", ref = ""] = /\/contents\/([^?]+)\?ref=(.+)$/.exec(uri) ?? [];
      const file = decodeURIComponent(encoded);
      served.contents.push(`${ref}:${file}`);
      const reply = contentsOf(dir, ref, file);
      return reply ? [200, reply] : [404, { message: "Not Found" }];
    });
  // Only files over 1 MB need it.
  nock(API)
    .persist()
    .get(new RegExp(`^${REPO_PATH}/git/blobs/[0-9a-f]{40}$`))
    .optionally()
    .reply((uri) => {
      const sha = uri.split("/").pop() as string;
      served.blobs.push(sha);
      return [200, blobOf(dir, sha)];
    });
  return served;
}
