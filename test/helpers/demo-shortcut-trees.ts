// Two copies of the demo sample on disk, the head's with one import from domain into infrastructure
// (`src/domain/shortcut.ts:1`): the review request the worker tests send, written once.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "@jest/globals";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";

export const SHORTCUT_IMPORT = 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = new MemoryUserRepository();\n';

/** Registers the trees' creation and removal in this file's hooks; call `request()` inside tests. */
export function useDemoShortcutTrees(prefix: string): { request: () => { base: { sha: string; dir: string }; head: { sha: string; dir: string }; today: string } } {
  let work = "";
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), prefix));
    cpSync(DEMO_SAMPLE_DIR, path.join(work, "base"), { recursive: true });
    cpSync(DEMO_SAMPLE_DIR, path.join(work, "head"), { recursive: true });
    writeFileSync(path.join(work, "head", "src/domain/shortcut.ts"), SHORTCUT_IMPORT);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  return { request: () => ({ base: { sha: "b".repeat(40), dir: path.join(work, "base") }, head: { sha: "h".repeat(40), dir: path.join(work, "head") }, today: "2026-11-20" }) };
}

/** The same change committed in a fresh git repository of the demo sample (base, then the shortcut): for tests of the built CLI. Dispose the repository. */
export async function commitDemoShortcut(): Promise<{ repo: SampleRepository; base: string; head: string }> {
  const repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  const base = await repo.commit("base");
  writeFileSync(path.join(repo.dir, "src/domain/shortcut.ts"), SHORTCUT_IMPORT);
  return { repo, base, head: await repo.commit("domain imports infrastructure") };
}
