// The files a new user registers and deploys the App with: app.yml (the manifest), docs/env.example
// and docs/deploy/compose.yml. They are read as a user's tools read them, and every variable they
// name must be one that archreview (SETTINGS_DOC) or Probot (its own source) actually reads.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { SETTINGS_DOC, settingsFromEnv } from "../../../src/github/app/settings.js";
// Not in Probot's package exports: reached by path, as Probot 14.3 lays it out (pinned ~14.3).
import { ManifestCreation } from "../../../node_modules/probot/lib/manifest-creation.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const read = (file: string): string => readFileSync(path.join(root, file), "utf8");

/** Every `env.NAME` / `process.env.NAME` in Probot's code and the private-key loader it uses. */
function probotVariables(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) for (const m of readFileSync(full, "utf8").matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(m[1] as string);
    }
  };
  walk(path.join(root, "node_modules/probot/lib"));
  walk(path.join(root, "node_modules/@probot/get-private-key/dist-bundle"));
  return names;
}

const known = new Set([...SETTINGS_DOC.map((s) => s.name), ...probotVariables()]);

describe("app.yml, the manifest of Probot's setup page", () => {
  const saved = process.env.WEBHOOK_PROXY_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.WEBHOOK_PROXY_URL;
    else process.env.WEBHOOK_PROXY_URL = saved;
  });

  it("has no placeholder webhook URL, so Probot's own value reaches GitHub", () => {
    expect(read("app.yml")).not.toMatch(/example\.com/);
    expect(parse(read("app.yml"))).not.toHaveProperty("hook_attributes");
  });

  it("registers the App with WEBHOOK_PROXY_URL as its webhook URL, and the permissions archreview needs", () => {
    process.env.WEBHOOK_PROXY_URL = "https://smee.io/archreview-test";
    const pkg = JSON.parse(read("package.json"));
    const manifest = JSON.parse(new ManifestCreation().getManifest({ pkg, baseUrl: "http://localhost:3000" }));
    expect(manifest.hook_attributes).toEqual({ url: "https://smee.io/archreview-test" });
    expect(manifest.redirect_url).toBe("http://localhost:3000/probot/setup");
    expect(manifest.default_events).toEqual(["pull_request", "issue_comment", "check_run", "check_suite"]);
    expect(manifest.default_permissions).toEqual({ checks: "write", pull_requests: "write", issues: "write", contents: "read", metadata: "read" });
  });

  it("uses GH_ORG for an organisation's registration page (a variable Probot reads)", () => {
    expect(known.has("GH_ORG")).toBe(true);
    expect(known.has("WEBHOOK_PROXY_URL")).toBe(true);
  });
});

describe("docs/env.example", () => {
  const text = read("docs/env.example");

  it("parses as a .env file (node's parser, the one Probot uses) with nothing filled in", () => {
    const values = parseEnv(text);
    expect(Object.keys(values).sort()).toEqual(["APP_ID", "PRIVATE_KEY", "WEBHOOK_PROXY_URL", "WEBHOOK_SECRET"]);
    expect(Object.values(values).every((v) => v === "")).toBe(true);
  });

  it("names only variables archreview or Probot reads, set or commented out", () => {
    const named = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((n) => !known.has(n))).toEqual([]);
  });
});

describe("docs/deploy/compose.yml, the Redis deployment", () => {
  // Compose understands YAML merge keys; so does `yaml` when asked.
  const compose = parse(read("docs/deploy/compose.yml"), { merge: true }) as { services: Record<string, { command?: string[]; environment?: Record<string, string>; build?: string; image?: string }> };
  const dockerCmd = JSON.parse(/^CMD\s+(\[.*\])\s*$/m.exec(read("Dockerfile"))?.[1] ?? "null") as string[];
  const apps = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

  it("builds the repository's image and starts the Dockerfile's CMD in every archreview service", () => {
    expect(dockerCmd).toEqual(["npm", "start"]);
    expect(apps.map(([name]) => name).sort()).toEqual(["web", "worker"]);
    for (const [, service] of apps) {
      expect(path.resolve(root, "docs/deploy", service.build as string)).toBe(root);
      expect(service.command).toEqual(dockerCmd);
    }
  });

  it("runs a web role and a worker role against the compose file's own Redis, with settings the app accepts", () => {
    const roles = apps.map(([, s]) => settingsFromEnv(s.environment ?? {}));
    expect(roles.map((s) => s.role).sort()).toEqual(["web", "worker"]);
    for (const settings of roles) {
      const host = new URL(settings.redisUrl ?? "").hostname;
      expect(compose.services[host]?.image).toMatch(/^redis:/);
    }
  });

  it("sets only variables archreview or Probot reads", () => {
    for (const [, service] of apps) {
      const names = Object.keys(service.environment ?? {});
      expect(names).toEqual(expect.arrayContaining(["APP_ID", "WEBHOOK_SECRET", "PRIVATE_KEY_PATH", "REDIS_URL", "ARCHREVIEW_ROLE"]));
      expect(names.filter((n) => !known.has(n))).toEqual([]);
    }
  });
});
