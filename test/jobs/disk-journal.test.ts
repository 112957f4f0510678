// The journal that keeps accepted reviews across restarts (one JSON file per review).
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { DiskJournal } from "../../src/jobs/disk-journal.js";

describe("DiskJournal", () => {
  it("keeps entries across instances until deleted, and drops torn files", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "archreview-journal-"));
    try {
      const first = new DiskJournal<{ n: number }>(path.join(dir, "state"));
      await first.put("a1", { n: 1 });
      await first.put("b2", { n: 2 });
      await first.delete("a1");
      await writeFile(path.join(dir, "state", "torn.review.json"), '{"n":');
      const second = new DiskJournal<{ n: number }>(path.join(dir, "state"));
      expect(await second.list()).toEqual([{ id: "b2", payload: { n: 2 } }]);
      expect((await readdir(path.join(dir, "state"))).sort()).toEqual(["b2.review.json"]);
      await expect(second.put("../escape", { n: 3 })).rejects.toThrow("journal ids are plain names");
      expect(await new DiskJournal(path.join(dir, "missing")).list()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
