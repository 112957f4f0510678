// Installs a packed archreview tarball into an empty project with no network: `npm ci --offline`
// reads every registry package from the npm cache (which our own `npm ci` filled). Plain
// `npm install --offline <tarball>` cannot work there: it must resolve version ranges from registry
// metadata, which `npm ci` never caches. So the project's lockfile pins exactly the runtime packages
// (and versions) of our own package-lock.json, and the tarball itself.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without jest's NODE_OPTIONS (child Node processes run as a user's would). */
export async function run(cmd: string, args: string[], cwd: string): Promise<Run> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? String(error) };
  }
}

interface LockEntry {
  dev?: boolean;
  [key: string]: unknown;
}

interface Lock {
  packages: Record<string, LockEntry>;
}

/** An empty project depending on the tarball, with a lockfile of our runtime packages only (dev ones left out). */
export async function writeConsumerProject(dir: string, tarball: string, repoRoot: string): Promise<void> {
  const ours = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
  const lock = JSON.parse(await readFile(path.join(repoRoot, "package-lock.json"), "utf8")) as Lock;
  const root = lock.packages[""] ?? {};
  const spec = `file:${path.relative(dir, tarball)}`;
  const integrity = `sha512-${createHash("sha512").update(await readFile(tarball)).digest("base64")}`;
  const packages: Record<string, LockEntry> = {
    "": { name: "consumer", version: "1.0.0", dependencies: { archreview: spec } },
    "node_modules/archreview": { version: root.version, resolved: spec, integrity, license: root.license, dependencies: root.dependencies, bin: root.bin, engines: root.engines },
  };
  for (const [key, entry] of Object.entries(lock.packages)) if (key !== "" && entry.dev !== true) packages[key] = entry;
  // Our overrides pin what the lock pins (npm checks them); allowScripts keeps npm's install-script policy as ours.
  const manifest = { name: "consumer", version: "1.0.0", private: true, dependencies: { archreview: spec }, overrides: ours.overrides, allowScripts: ours.allowScripts };
  await writeFile(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(dir, "package-lock.json"), JSON.stringify({ name: "consumer", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2));
}
