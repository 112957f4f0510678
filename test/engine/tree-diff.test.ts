import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "@jest/globals";
import { changesBetweenTrees } from "../../src/engine/tree-diff.js";

const work = mkdtempSync(path.join(os.tmpdir(), "archreview-tree-diff-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>) {
  const dir = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return { dir, files: Object.keys(files) };
}

describe("changesBetweenTrees", () => {
  it("finds additions, edits, deletions, reported renames and unreported moves", async () => {
    const base = tree("base", { "same.ts": "1", "edited.ts": "old", "gone.ts": "bye", "reported.ts": "r", "moved.ts": "m-content" });
    const head = tree("head", { "same.ts": "1", "edited.ts": "new", "new.ts": "hi", "renamed-by-github.ts": "r changed", "lib/moved.ts": "m-content" });
    const changes = await changesBetweenTrees(base, head, new Map([["renamed-by-github.ts", "reported.ts"]]));
    expect(changes).toEqual([
      { kind: "modified", path: "edited.ts" },
      { kind: "deleted", path: "gone.ts" },
      { kind: "renamed", path: "lib/moved.ts", previousPath: "moved.ts" },
      { kind: "added", path: "new.ts" },
      { kind: "renamed", path: "renamed-by-github.ts", previousPath: "reported.ts" },
    ]);
  });
});
