import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { SnapshotRejected, type SnapshotLimits, type SnapshotRejection } from "../../../src/archive/limits.js";
import { extractTarball } from "../../../src/archive/extract.js";
import { END, pax, tar, ustar } from "../ustar.js";

const OK = ustar("top/ok.txt", { data: "fine\n" });

let parent: string;
let dir: string;

beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), "archreview-tarball-"));
  dir = path.join(parent, "snapshot");
  mkdirSync(dir);
});

afterEach(() => rmSync(parent, { recursive: true, force: true }));

async function expectRejected(archive: Buffer, reason: SnapshotRejection, limits?: SnapshotLimits): Promise<SnapshotRejected> {
  const error = await extractTarball(archive, dir, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SnapshotRejected);
  const rejected = error as SnapshotRejected;
  expect({ reason: rejected.reason, detail: rejected.detail }).toMatchObject({ reason });
  // Nothing outside the snapshot folder, and nothing left in it.
  expect(readdirSync(parent)).toEqual(["snapshot"]);
  expect(readdirSync(dir)).toEqual([]);
  return rejected;
}

describe("extractTarball refuses hostile archives", () => {
  const cases: [string, Buffer, SnapshotRejection][] = [
    ["a leading ..", tar(OK, ustar("../evil", { data: "x" })), "unsafe-path"],
    ["an absolute path", tar(OK, ustar("/etc/evil", { data: "x" })), "unsafe-path"],
    ["a .. below the top folder", tar(OK, ustar("top/../../evil", { data: "x" })), "unsafe-path"],
    ["a backslash", tar(OK, ustar("top/..\\..\\evil", { data: "x" })), "unsafe-path"],
    ["a pax path override", tar(OK, pax({ path: "top/../../evil" }), ustar("top/innocent", { data: "x" })), "unsafe-path"],
    ["a GNU long name", tar(OK, ustar("././@LongLink", { type: "L", data: `top/${"../".repeat(40)}evil\0` }), ustar("top/x", { data: "x" })), "unsafe-path"],
    [
      "a symlink out, then a write through it",
      tar(OK, ustar("top/link", { type: "2", linkname: "../../outside" }), ustar("top/link/pwned", { data: "x" })),
      "unsafe-link",
    ],
    ["a symlink to an absolute path", tar(OK, ustar("top/abs", { type: "2", linkname: "/etc/passwd" })), "unsafe-link"],
    ["a nested symlink climbing out", tar(OK, ustar("top/a/b/up", { type: "2", linkname: "../../../x" })), "unsafe-link"],
    ["a hard link to /etc/passwd", tar(OK, ustar("top/hl", { type: "1", linkname: "/etc/passwd" })), "unsafe-link"],
    ["a hard link to ../../x", tar(OK, ustar("top/hl", { type: "1", linkname: "../../x" })), "unsafe-link"],
    ["a character device", tar(OK, ustar("top/tty", { type: "3" })), "special-file"],
    ["a block device", tar(OK, ustar("top/sda", { type: "4" })), "special-file"],
    ["a FIFO", tar(OK, ustar("top/pipe", { type: "6" })), "special-file"],
    ["a sparse file", tar(OK, ustar("top/sparse", { type: "S" })), "special-file"],
    ["a file and a folder at one path", tar(OK, ustar("top/ok.txt/x", { data: "x" })), "unsafe-path"],
  ];

  it.each(cases)("rejects %s", async (_name, archive, reason) => {
    await expectRejected(archive, reason);
    await expectRejected(gzipSync(archive), reason);
    expect(existsSync("/etc/evil")).toBe(false);
  });

  it("keeps user-facing messages free of archive-controlled text", async () => {
    const rejected = await expectRejected(tar(ustar("top/../../<script>", { data: "x" })), "unsafe-path");
    expect(rejected.message).not.toContain("<script>");
    expect(rejected.detail).toContain("<script>");
  });
});

describe("extractTarball leaves links out", () => {
  it("skips symlinks and hard links that stay inside and reports them", async () => {
    const archive = tar(
      ustar("top/", { type: "5" }),
      ustar("top/docs/readme.md", { data: "# hi\n" }),
      ustar("top/docs/link", { type: "2", linkname: "../docs/readme.md" }),
      ustar("top/hard", { type: "1", linkname: "top/docs/readme.md" }),
      // A write "through" the skipped link lands in a plain folder of that name, inside.
      ustar("top/docs/link2", { type: "2", linkname: "." }),
      ustar("top/docs/link2/file", { data: "y" }),
    );
    const result = await extractTarball(gzipSync(archive), dir);
    expect(result).toEqual({ files: 2, bytes: 6, skippedLargeFiles: [], skippedLinks: ["docs/link", "hard", "docs/link2"] });
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(["docs", "docs/link2", "docs/link2/file", "docs/readme.md"]);
  });
});

describe("extractTarball bounds counts", () => {
  const small: SnapshotLimits = { maxArchiveBytes: 1 << 20, maxFiles: 5, maxFileBytes: 1 << 20, maxTotalBytes: 1 << 20 };
  const files = (count: number) => Array.from({ length: count }, (_, i) => ustar(`top/f${i}.txt`, { data: `${i}` }));

  it("accepts exactly maxFiles files", async () => {
    expect(await extractTarball(tar(...files(5)), dir, small)).toMatchObject({ files: 5, bytes: 5 });
  });

  it("refuses one file more than maxFiles", async () => {
    const rejected = await expectRejected(tar(...files(6)), "too-many-files", small);
    expect(rejected.message).toBe("The repository snapshot has more than 5 files (limit maxFiles).");
  });

  it("refuses deep paths that would create more folders than maxFiles", async () => {
    const rejected = await expectRejected(tar(ustar("top/a/b/c/d/e/f/deep.txt", { data: "x" })), "too-many-files", small);
    expect(rejected.message).toBe("The repository snapshot has more than 5 folders (limit maxFiles).");
  });
});

describe("extractTarball bounds decompression", () => {
  const limits: SnapshotLimits = { maxArchiveBytes: 1 << 30, maxFiles: 50_000, maxFileBytes: 5 << 20, maxTotalBytes: 10 << 20 };

  it("refuses a gzip bomb without inflating it", async () => {
    // 1 GiB of zeros as 1,024 gzip members of 1 MiB each (~1 MB compressed): gunzip reads them as one stream.
    const size = 1 << 30;
    const member = gzipSync(Buffer.alloc(1 << 20), { level: 9 });
    const header = ustar("top/zeros.bin", { size });
    const bomb = Buffer.concat([gzipSync(header), ...Array.from({ length: size >> 20 }, () => member), gzipSync(END)]);
    expect(bomb.length).toBeLessThan(2 << 20);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const rejected = await expectRejected(bomb, "unpacked-too-large", limits);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 << 20);
    expect(rejected.message).toBe("The repository snapshot unpacks to more than 10 MiB (limit maxTotalBytes).");
  });

  it("counts header bytes too: a bomb of empty entries stops at the limit", async () => {
    const folder = ustar("top/d/", { type: "5" });
    const bomb = gzipSync(tar(...Array.from({ length: 30_000 }, () => folder)));
    await expectRejected(bomb, "unpacked-too-large", limits);
  });

  it("keeps counting after the end-of-archive marker: trailing zeros cannot run on", async () => {
    const member = gzipSync(Buffer.alloc(1 << 20), { level: 9 });
    const bomb = Buffer.concat([gzipSync(tar(OK)), ...Array.from({ length: 64 }, () => member)]);
    await expectRejected(bomb, "unpacked-too-large", limits);
  });

  it("refuses a second gzip layer instead of letting the parser inflate it uncounted", async () => {
    await expectRejected(gzipSync(gzipSync(tar(OK))), "corrupt-archive", limits);
  });
});
