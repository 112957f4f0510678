import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { parseConfig } from "../../../src/config/parse.js";
import { parseExtends, resolveConfigOverride } from "../../../src/github/trees/app-config.js";
import type { GitHubClient } from "../../../src/github/api/client.js";
import { useNockScope } from "../../helpers/nock-scope.js";
import { PlainOctokit as Octokit } from "../../helpers/plain-octokit.js";

const octokit = new Octokit({ auth: { token: "test" } }) as unknown as GitHubClient;
const repo = { owner: "acme", repo: "shop" };
const tree = (files: Record<string, string>) => async (file: string) => files[file] ?? null;
const contents = (owner: string, name: string, path: string) => `/repos/${owner}/${name}/contents/${encodeURIComponent(path)}`;

useNockScope();

describe("resolveConfigOverride", () => {
  it("leaves a repository's own config to the engine (no API call)", async () => {
    expect(await resolveConfigOverride(octokit, repo, tree({ ".github/archreview.yml": "cycles: warn\n" }))).toBeNull();
  });

  it("falls back to the organisation's .github repository", async () => {
    nock("https://api.github.com").get(contents("acme", ".github", ".github/archreview.yml")).reply(200, "stability: off\n");
    const override = await resolveConfigOverride(octokit, repo, tree({}));
    expect(override).toEqual({ file: "acme/.github:.github/archreview.yml", text: "stability: off\n" });
  });

  it("returns null when neither the repository nor the organisation has one", async () => {
    nock("https://api.github.com").get(contents("acme", ".github", ".github/archreview.yml")).reply(404, { message: "Not Found" });
    expect(await resolveConfigOverride(octokit, repo, tree({}))).toBeNull();
  });

  it("merges _extends: the repository's keys win, the result parses", async () => {
    nock("https://api.github.com")
      .get(contents("acme", "policies", "arch/base.yml"))
      .reply(200, "cycles: warn\nlimits: { fileLines: 800 }\nstability: off\n");
    const own = "_extends: policies:arch/base.yml\nlimits: { fileLines: 300 }\n";
    const override = await resolveConfigOverride(octokit, repo, tree({ ".github/archreview.yml": own }));
    expect(override?.file).toBe(".github/archreview.yml (extending acme/policies:arch/base.yml)");
    const parsed = parseConfig(override?.text ?? "", "x");
    expect(parsed.ok && [parsed.config.cycles.severity, parsed.config.limits.fileLines, parsed.config.stability]).toEqual(["warn", 300, "off"]);
  });

  it("follows _extends one level only: a config extending itself (or extending back) is fetched once, no loop", async () => {
    const own = "_extends: shop\nlimits: { fileLines: 300 }\n";
    // Served once: a second request (a loop) would find no interceptor and fail the test.
    nock("https://api.github.com").get(contents("acme", "shop", ".github/archreview.yml")).reply(200, "_extends: acme/shop\ncycles: warn\n");
    const override = await resolveConfigOverride(octokit, repo, tree({ ".github/archreview.yml": own }));
    expect(override?.file).toBe(".github/archreview.yml (extending acme/shop:.github/archreview.yml)");
    expect(override?.text).not.toContain("_extends");
    const parsed = parseConfig(override?.text ?? "", "x");
    expect(parsed.ok && [parsed.config.cycles.severity, parsed.config.limits.fileLines]).toEqual(["warn", 300]);
  });

  it("says which _extends target could not be read", async () => {
    nock("https://api.github.com").get(contents("acme", "gone", ".github/archreview.yml")).reply(404, { message: "Not Found" });
    await expect(resolveConfigOverride(octokit, repo, tree({ ".github/archreview.yml": "_extends: gone\n" }))).rejects.toThrow('_extends: "gone"');
  });
});

describe("parseExtends", () => {
  it("reads repo, owner/repo and owner/repo:path", () => {
    expect(parseExtends("base", "acme")).toEqual({ owner: "acme", repo: "base", path: ".github/archreview.yml" });
    expect(parseExtends("other/base:x.yml", "acme")).toEqual({ owner: "other", repo: "base", path: "x.yml" });
    expect(parseExtends("not a repo", "acme")).toBeNull();
  });
});
