// Default state and cache folders are per-user and private; scratch folders go on a stopping signal.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { DiskGraphCache } from "../../src/engine/graph-cache.js";
import { liveScratchDirs, makeScratchDir, removeScratchDir } from "../../src/engine/scratch-dirs.js";
import { settingsFromEnv } from "../../src/github/app/settings.js";
import { DiskJournal } from "../../src/jobs/disk-journal.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const mode = (p: string): number => statSync(p).mode & 0o777;
const key = { repository: "o/r", sha: "a".repeat(40), configHash: "c" };

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "archreview-private-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("default state and cache folders", () => {
  it("live in the user's own folders, not at a predictable path in the shared temp folder", () => {
    const settings = settingsFromEnv({});
    for (const dir of [settings.cacheDir, settings.stateDir] as string[]) {
      expect(dir.startsWith(os.homedir() + path.sep)).toBe(true);
      expect(dir.startsWith(os.tmpdir() + path.sep)).toBe(false);
    }
    expect(settings.cacheDir).toBe(path.join(os.homedir(), ".cache", "archreview-graph-cache"));
    expect(settings.stateDir).toBe(path.join(os.homedir(), ".local", "state", "archreview-state"));
  });

  it("follow XDG_CACHE_HOME and XDG_STATE_HOME when they are absolute paths", () => {
    expect(settingsFromEnv({ XDG_CACHE_HOME: "/srv/c", XDG_STATE_HOME: "/srv/s" })).toMatchObject({ cacheDir: "/srv/c/archreview-graph-cache", stateDir: "/srv/s/archreview-state" });
    expect(settingsFromEnv({ XDG_CACHE_HOME: "relative" }).cacheDir).toBe(path.join(os.homedir(), ".cache", "archreview-graph-cache"));
  });

  it("are created private: the graph cache folder 0700 and its entries 0600, the journal folder 0700", async () => {
    const cacheDir = path.join(work, "cache", "graphs");
    await new DiskGraphCache(cacheDir).set(key, { modules: ["a"] });
    expect(mode(cacheDir)).toBe(0o700);
    for (const name of readdirSync(cacheDir)) expect(mode(path.join(cacheDir, name))).toBe(0o600);
    const stateDir = path.join(work, "state");
    await new DiskJournal<{ n: number }>(stateDir).put("job-1", { n: 1 });
    expect(mode(stateDir)).toBe(0o700);
  });

  it("lose the temporary files of a cache write a stopped process left behind, but not one under way", async () => {
    const cacheDir = path.join(work, "cache");
    const cache = new DiskGraphCache(cacheDir);
    await cache.set(key, { modules: [] });
    const abandoned = path.join(cacheDir, "x.json.gz.123.abc.tmp");
    const fresh = path.join(cacheDir, "y.json.gz.456.def.tmp");
    writeFileSync(abandoned, "half");
    writeFileSync(fresh, "half");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(abandoned, twoHoursAgo, twoHoursAgo);
    await cache.set({ ...key, sha: "b".repeat(40) }, { modules: [] });
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe("scratch folders", () => {
  it("are private, tracked while in use and forgotten once removed", async () => {
    const dir = await makeScratchDir("archreview-test-");
    expect(mode(dir)).toBe(0o700);
    expect(liveScratchDirs()).toContain(dir);
    await removeScratchDir(dir);
    expect(existsSync(dir)).toBe(false);
    expect(liveScratchDirs()).not.toContain(dir);
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGHUP", 129],
  ] as const)("are removed on %s, as the App and the CLI install it, and the process exits %i", async (signal, status) => {
    // The built module (npx tsc -p tsconfig.json first) in a process of its own: a signal ends the process.
    const script = `
      const s = await import(${JSON.stringify(path.join(ROOT, "dist/engine/scratch-dirs.js"))});
      s.removeScratchDirsOnSignals();
      const dirs = [await s.makeScratchDir("archreview-pr-"), await s.makeScratchDir("archreview-pr-")];
      for (const d of dirs) (await import("node:fs")).writeFileSync(d + "/file", "source");
      console.log("ready");
      setInterval(() => undefined, 1000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, TMPDIR: work, NODE_OPTIONS: "" } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("ready")) child.kill(signal);
    });
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("close", (code, sig) => resolve({ code, signal: sig })));
    expect(stderr).toBe("");
    expect(exit).toEqual({ code: status, signal: null });
    expect(readdirSync(work)).toEqual([]);
  });
});
