// Trees of source files written under one temporary folder per test file, removed after it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "@jest/globals";

/** Registers the folder's set-up and removal; `write(name, files)` writes a tree `name` (path -> text) and returns its root. */
export function useWrittenTrees(prefix: string): { write: (name: string, files: Record<string, string>) => string; work: () => string } {
  let work = "";
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  return {
    work: () => work,
    write(name, files) {
      const root = path.join(work, name);
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
      return root;
    },
  };
}
