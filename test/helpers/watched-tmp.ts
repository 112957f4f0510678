// Runs the built CLI with TMPDIR an empty folder watched for any entry made in it, however briefly:
// the proof that a command writes no temp tree (test/cli/no-temp-tree.test.ts, init-no-temp-tree.test.ts).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, watch } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "@jest/globals";

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/cli/main.js");

export interface WatchedRun {
  code: number | null;
  stdout: string;
  /** Every name created in TMPDIR while the command ran. */
  created: string[];
  /** What is still there when it has exited. */
  left: string[];
}

/** Registers the removal of the watched folders after each test; returns the runner. `during(tmp)`: run once the command has started. */
export function useWatchedTmp(): (args: string[], during?: (tmp: string) => void) => Promise<WatchedRun> {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return async (args, during) => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -p tsconfig.json first`);
    const watched = mkdtempSync(path.join(os.tmpdir(), "archreview-empty-tmp-"));
    made.push(watched);
    const created: string[] = [];
    const watcher = watch(watched, (_event, name) => void created.push(String(name)));
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, TMPDIR: watched, NODE_OPTIONS: "" } });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    during?.(watched);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    // fs.watch reports asynchronously: one more turn of the event loop for the last events.
    await new Promise((resolve) => setTimeout(resolve, 50));
    watcher.close();
    return { code, stdout, created: [...new Set(created)], left: readdirSync(watched) };
  };
}
