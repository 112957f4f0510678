// Runs one Node program as a child process and measures it: wall-clock ms from spawn to exit, and
// peak RSS reported by bench/rss-hook.mjs from inside the child. Both contenders go through here,
// so they are measured the same way.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HOOK = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "rss-hook.mjs")).href;

/** Children still running, so a signal handler can stop them before cleaning up. */
export const running = new Set();

/**
 * `node --import rss-hook <script> ...args`, in `cwd`, with `env` added to ours; the side file
 * lives in `scratchDir` (pass a directory that gets cleaned up even on interruption).
 * Resolves { ms, peakRssMb, code, stdout, stderr, stderrLines }; peakRssMb is null if the child died before
 * its exit handler ran (killed by a signal).
 */
export function measure(script, args, { cwd = process.cwd(), env = {}, scratchDir = os.tmpdir() } = {}) {
  const side = mkdtempSync(path.join(scratchDir, "bench-rss-"));
  const rssFile = path.join(side, "maxrss");
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", HOOK, script, ...args], {
      cwd,
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    const out = [];
    let err = "";
    // stderr lines with the time they arrived: progress lines then tell where a run's time went.
    const lines = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => {
      const at = performance.now() - started;
      err = (err + d.toString()).slice(-8000); // bounded: enough to explain a failure
      for (const text of d.toString().split("\n").filter(Boolean)) if (lines.length < 500) lines.push({ ms: Math.round(at), text });
    });
    child.on("error", (error) => {
      running.delete(child);
      rmSync(side, { recursive: true, force: true });
      reject(error);
    });
    child.on("close", (code, signal) => {
      const ms = performance.now() - started;
      running.delete(child);
      let peakRssMb = null;
      try {
        peakRssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
      } catch {
        // no report: the child was killed before its exit handler ran
      }
      rmSync(side, { recursive: true, force: true });
      resolve({ ms, peakRssMb, code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString("utf8"), stderr: err, stderrLines: lines });
    });
  });
}
