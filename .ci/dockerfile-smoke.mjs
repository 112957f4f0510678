#!/usr/bin/env node
// Proves the Dockerfile without a Docker engine: runs ITS OWN steps (FROM / WORKDIR / ENV / COPY /
// RUN / CMD / HEALTHCHECK), read from the file, in a clean copy of the committed repository, then
// checks the started app answers its health check and rejects an unsigned webhook.
// USER and EXPOSE cannot be reproduced outside a container and are only reported.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const work = mkdtempSync(path.join(os.tmpdir(), "archreview-docker-"));
const context = path.join(work, "context");
mkdirSync(context);
execFileSync("bash", ["-c", `git -C "${repo}" archive HEAD | tar -x -C "${context}"`]);

/** Dockerfile instructions, with line continuations joined. */
function instructions(text) {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(" ") };
    });
}

const stages = [];
let stage;
for (const { op, args } of instructions(readFileSync(path.join(context, "Dockerfile"), "utf8"))) {
  if (op === "FROM") {
    const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.length}`;
    stage = { name, root: path.join(work, name), workdir: "/", env: {} };
    mkdirSync(stage.root);
    stages.push(stage);
    console.log(`== stage ${name} (${args.split(/\s+/)[0]}; this machine's node ${process.version} stands in for it)`);
    continue;
  }
  const here = () => path.join(stage.root, stage.workdir);
  if (op === "WORKDIR") {
    stage.workdir = args;
    mkdirSync(here(), { recursive: true });
  } else if (op === "ENV") {
    for (const [, k, v] of args.matchAll(/(\w+)=(\S+)/g)) stage.env[k] = v;
  } else if (op === "COPY") {
    const parts = args.split(/\s+/);
    const from = parts[0].startsWith("--from=") ? stages.find((s) => s.name === parts.shift().slice(7)) : null;
    const dest = parts.pop();
    for (const src of parts) {
      const source = from ? path.join(from.root, src) : path.join(context, src);
      const target = path.resolve(here(), dest, dest.endsWith("/") ? path.basename(src) : "");
      cpSync(source, target, { recursive: true });
    }
    console.log(`COPY ${args}`);
  } else if (op === "RUN") {
    console.log(`RUN ${args}`);
    execFileSync("bash", ["-c", args], { cwd: here(), stdio: "inherit", env: { ...process.env, ...stage.env } });
  } else if (op === "CMD") {
    stage.cmd = JSON.parse(args);
  } else if (op === "HEALTHCHECK") {
    stage.healthcheck = args.replace(/^.*?\bCMD\s+/, "");
  } else {
    console.log(`(${op} ${args}: not reproducible outside a container, skipped)`);
  }
}

const final = stages.at(-1);
const port = String(30000 + Math.floor(Math.random() * 20000));
const env = {
  PATH: process.env.PATH,
  HOME: os.tmpdir(),
  ...final.env,
  PORT: port,
  APP_ID: "123",
  PRIVATE_KEY: readFileSync(path.join(context, "test/fixtures/github/test-app-key.pem"), "utf8"),
  WEBHOOK_SECRET: "smoke-secret",
};
console.log(`== CMD ${final.cmd.join(" ")} (PORT=${port})`);
// Its own process group: `npm start` runs probot as a child, and both must stop at the end.
const app = spawn(final.cmd[0], final.cmd.slice(1), { cwd: path.join(final.root, final.workdir), env, stdio: ["ignore", "pipe", "pipe"], detached: true });
let log = "";
app.stdout.on("data", (d) => (log += d));
app.stderr.on("data", (d) => (log += d));

let ok = false;
try {
  for (let i = 0; i < 100 && !ok; i++) {
    await new Promise((r) => setTimeout(r, 200));
    try {
      execFileSync("bash", ["-c", final.healthcheck], { env, stdio: "ignore" });
      ok = true;
    } catch {
      // not up yet
    }
  }
  if (!ok) throw new Error(`HEALTHCHECK never passed. App output:\n${log}`);
  console.log("HEALTHCHECK passed");
  const unsigned = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "smoke", "x-hub-signature-256": "sha256=00" },
    body: "{}",
  });
  if (unsigned.status < 400 || unsigned.status >= 500) throw new Error(`unsigned webhook answered ${unsigned.status}`);
  console.log(`unsigned webhook rejected with ${unsigned.status}`);
  console.log("dockerfile smoke: ok");
} finally {
  try {
    process.kill(-app.pid, "SIGTERM");
  } catch {
    // already gone
  }
  app.stdout.destroy();
  app.stderr.destroy();
  rmSync(work, { recursive: true, force: true });
}
