import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { listFiles } from "../../src/extract/files.js";
import { auditEntry, readTreeFile, readTreeFileSync, refusalText, safeExcerpt, TreeFileRefusedError, type TreeFileRefusal } from "../../src/extract/tree-file.js";

const SECRET = "ARCHREVIEW_FAKE_SECRET_ghp_tree_file_0123456789";
let scratch: string;
let root: string;
let outsideFile: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "archreview-tree-file-"));
  root = path.join(scratch, "tree");
  await mkdir(path.join(root, "src"), { recursive: true });
  outsideFile = path.join(scratch, "credentials");
  await writeFile(outsideFile, SECRET);
  await writeFile(path.join(root, "src/a.ts"), "export const a = 1;\n");
});
afterEach(async () => rm(scratch, { recursive: true, force: true }));

type Read = (root: string, rel: string) => Promise<Buffer | null>;
const readers: [string, Read][] = [
  ["readTreeFile", (r, f) => readTreeFile(r, f, { maxBytes: 1024 })],
  ["readTreeFileSync", async (r, f) => readTreeFileSync(r, f, { maxBytes: 1024 })],
];

/** The refusal a read ends in; fails the test when the read succeeds or fails otherwise. */
async function refusalOf(read: Read, rel: string): Promise<TreeFileRefusal> {
  const error = await read(root, rel).then(
    (bytes) => new Error(`read succeeded: ${String(bytes)}`),
    (e: unknown) => e,
  );
  if (!(error instanceof TreeFileRefusedError)) throw error;
  expect(error.message).not.toContain(SECRET);
  return error.refusal;
}

describe.each(readers)("%s", (_name, read) => {
  it("reads a regular file of the tree, and answers null for a missing one", async () => {
    expect((await read(root, "src/a.ts"))?.toString()).toBe("export const a = 1;\n");
    expect(await read(root, "src/missing.ts")).toBeNull();
    expect(await read(root, "src/a.ts/below")).toBeNull();
  });

  it("follows a link that stays inside the tree", async () => {
    await symlink("a.ts", path.join(root, "src/b.ts"));
    await symlink("src", path.join(root, "lib"));
    expect((await read(root, "src/b.ts"))?.toString()).toBe("export const a = 1;\n");
    expect((await read(root, "lib/a.ts"))?.toString()).toBe("export const a = 1;\n");
  });

  it("refuses a link out of the tree, directly, through a directory link or a chain, naming the path", async () => {
    await symlink(outsideFile, path.join(root, "config.yml"));
    await symlink("../../credentials", path.join(root, "src/relative.yml"));
    await symlink(scratch, path.join(root, "up"));
    await symlink("config.yml", path.join(root, "chain.yml"));
    expect(await refusalOf(read, "config.yml")).toEqual({ path: "config.yml", reason: "link-outside" });
    expect(await refusalOf(read, "src/relative.yml")).toEqual({ path: "src/relative.yml", reason: "link-outside" });
    expect(await refusalOf(read, "up/credentials")).toEqual({ path: "up/credentials", reason: "link-outside" });
    expect(await refusalOf(read, "chain.yml")).toEqual({ path: "chain.yml", reason: "link-outside" });
  });

  it("refuses links to devices and to the process's environment without reading them", async () => {
    await symlink("/dev/zero", path.join(root, "package.json"));
    await symlink("/proc/self/environ", path.join(root, "environ.yml"));
    expect(await refusalOf(read, "package.json")).toEqual({ path: "package.json", reason: "link-outside" });
    expect(await refusalOf(read, "environ.yml")).toEqual({ path: "environ.yml", reason: "link-outside" });
  });

  it("refuses a dangling or looping link, a directory and a name leaving the tree", async () => {
    await symlink("nowhere", path.join(root, "dangling"));
    await symlink("loop-b", path.join(root, "loop-a"));
    await symlink("loop-a", path.join(root, "loop-b"));
    expect(await refusalOf(read, "dangling")).toEqual({ path: "dangling", reason: "link-broken" });
    expect((await refusalOf(read, "loop-a")).reason).toBe("link-broken");
    expect(await refusalOf(read, "src")).toEqual({ path: "src", reason: "not-regular" });
    expect(await refusalOf(read, "../credentials")).toEqual({ path: "../credentials", reason: "outside-tree" });
  });

  it("refuses a FIFO inside the tree without waiting for a writer", async () => {
    execFileSync("mkfifo", [path.join(root, "fifo.yml")]);
    // Without O_NONBLOCK this open would never return (no writer), and the test would time out.
    expect(await refusalOf(read, "fifo.yml")).toEqual({ path: "fifo.yml", reason: "not-regular" });
  });

  it("refuses a file past the size cap", async () => {
    await writeFile(path.join(root, "big.json"), "x".repeat(1025));
    await writeFile(path.join(root, "fits.json"), "x".repeat(1024));
    expect(await refusalOf(read, "big.json")).toEqual({ path: "big.json", reason: "too-large" });
    expect((await read(root, "fits.json"))?.length).toBe(1024);
  });
});

describe("refusal notices and excerpts", () => {
  it("names the path and the reason, never a target", () => {
    expect(refusalText({ path: ".github/archreview.yml", reason: "link-outside" })).toBe("`.github/archreview.yml` is a symbolic link pointing outside the repository: not read.");
  });

  it("keeps one short line of user text, without control characters", () => {
    expect(safeExcerpt("a\u0000b\nc\u001b[31m")).toBe("a b c [31m");
    const long = safeExcerpt(`${"k".repeat(200)}${SECRET}`);
    expect(long).toHaveLength(80);
    expect(long).not.toContain(SECRET);
  });
});

describe("the tree listing", () => {
  it("reports links out of the tree and special files, not links inside it", async () => {
    await symlink(outsideFile, path.join(root, "out.yml"));
    await symlink("a.ts", path.join(root, "src/in.ts"));
    execFileSync("mkfifo", [path.join(root, "src/fifo")]);
    const refused: TreeFileRefusal[] = [];
    expect(await listFiles(root, [], refused)).toEqual(["src/a.ts"]);
    expect(refused.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: "out.yml", reason: "link-outside" },
      { path: "src/fifo", reason: "not-regular" },
    ]);
    expect(auditEntry(root, "src/in.ts")).toBeNull();
  });
});
