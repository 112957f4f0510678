// Every tar entry counts against the entry limit, whatever its type: folders and links are never
// written, but an archive of a million of them must not be parsed to its end.
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DEFAULT_SNAPSHOT_LIMITS, SnapshotRejected, type SnapshotLimits } from "../../../src/archive/limits.js";
import { extractTarball } from "../../../src/archive/extract.js";
import { END, tar, ustar } from "../ustar.js";

let parent: string;
let dir: string;

beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), "archreview-entries-"));
  dir = path.join(parent, "snapshot");
  mkdirSync(dir);
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

const small: SnapshotLimits = { maxArchiveBytes: 1 << 30, maxFiles: 100, maxFileBytes: 1 << 20, maxTotalBytes: 1 << 30 };
const folders = (count: number) => Array.from({ length: count }, (_, i) => ustar(`top/d${i}/`, { type: "5" }));
const links = (count: number) => Array.from({ length: count }, (_, i) => ustar(`top/l${i}`, { type: "2", linkname: "ok.txt" }));
const OK = ustar("top/ok.txt", { data: "fine\n" });

async function rejection(archive: Buffer, limits: SnapshotLimits): Promise<SnapshotRejected> {
  const error = await extractTarball(archive, dir, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SnapshotRejected);
  expect(readdirSync(dir)).toEqual([]);
  return error as SnapshotRejected;
}

describe("extractTarball counts entries of every type", () => {
  it("accepts exactly twice maxFiles entries of files, folders and links", async () => {
    const summary = await extractTarball(tar(OK, ...folders(100), ...links(99)), dir, small);
    expect(summary).toMatchObject({ files: 1 });
    expect(summary.skippedLinks).toHaveLength(99);
  });

  it("refuses one folder entry past the limit, though no folder is ever written for it", async () => {
    const rejected = await rejection(tar(OK, ...folders(200)), small);
    expect(rejected.reason).toBe("too-many-files");
    expect(rejected.message).toBe("The repository archive has more than 200 entries: files, folders and links (limit twice maxFiles).");
  });

  it("refuses symlink entries past the limit", async () => {
    const rejected = await rejection(tar(OK, ...links(200)), small);
    expect(rejected.reason).toBe("too-many-files");
  });

  it("honours an explicit maxEntries", async () => {
    const rejected = await rejection(tar(OK, ...folders(10)), { ...small, maxEntries: 10 });
    expect(rejected.message).toBe("The repository archive has more than 10 entries: files, folders and links (limit maxEntries).");
    expect((await extractTarball(tar(OK, ...folders(9)), dir, { ...small, maxEntries: 10 })).files).toBe(1);
  });

  it("refuses a million folder entries under the default limits (512 MB of headers, under maxTotalBytes)", async () => {
    // 1,000 gzip members of 1,000 folder entries each: about a megabyte compressed, 512 MB unpacked.
    const member = gzipSync(Buffer.concat(Array.from({ length: 1_000 }, (_, i) => ustar(`top/d${i}/`, { type: "5" }))), { level: 9 });
    const archive = Buffer.concat([gzipSync(OK), ...Array.from({ length: 1_000 }, () => member), gzipSync(END)]);
    expect(1_000 * 1_000 * 512).toBeLessThan(DEFAULT_SNAPSHOT_LIMITS.maxTotalBytes);
    const rejected = await rejection(archive, DEFAULT_SNAPSHOT_LIMITS);
    expect(rejected.message).toContain(`more than ${(2 * DEFAULT_SNAPSHOT_LIMITS.maxFiles).toLocaleString("en-US")} entries`);
  });
});
