// `npm start` before the App is registered (no APP_ID): Probot's setup page, which registers the
// App from app.yml (the manifest flow) and writes its credentials to .env; no webhook is served.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, it } from "@jest/globals";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function fetchWhenUp(url: string, output: () => string): Promise<Response> {
  for (let i = 0; i < 300; i++) {
    try {
      return await fetch(url, { redirect: "manual" });
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`setup page did not start:\n${output()}`);
}

it("serves Probot's registration page when APP_ID is not set", async () => {
  const port = await freePort();
  // An empty working directory: no .env to pick credentials from (Probot would write one there).
  const cwd = mkdtempSync(path.join(os.tmpdir(), "archreview-setup-"));
  let output = "";
  const child = spawn(process.execPath, [path.resolve("dist/github/server.js")], {
    cwd,
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "development" },
  });
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  try {
    const page = await fetchWhenUp(`http://127.0.0.1:${port}/probot`, () => output);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Register GitHub App");
    expect(output).toContain("setup mode");
  } finally {
    // Waited for: a child still running (its pipes open) would keep Jest from exiting.
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    rmSync(cwd, { recursive: true, force: true });
  }
});
