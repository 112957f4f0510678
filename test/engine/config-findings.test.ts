// A PR whose .github/archreview.yml does not parse gets a finding (issue 14 item 3): error severity,
// on the parser's line, in the parser's words; the head config that parses is kept for the preview.
import { describe, expect, it } from "@jest/globals";
import { loadConfig, type TreeReader } from "../../src/engine/config.js";

const CONFIG = ".github/archreview.yml";
const BASE_TEXT = "boundaries:\n  domain: [\"src/domain/**\"]\n  infra: [\"src/infra/**\"]\nrules:\n  - from: domain\n    disallow: [infra]\n";

const reader = (files: Record<string, string>): TreeReader => (file) => Promise.resolve(files[file] ?? null);

describe("loadConfig: the PR's config", () => {
  it("turns a head config that does not parse into an error finding on its line", async () => {
    const head = `${BASE_TEXT}cycles: fatal\n`;
    const loaded = await loadConfig({ base: reader({ [CONFIG]: BASE_TEXT }), head: reader({ [CONFIG]: head }) });
    expect(loaded.findings).toEqual([
      {
        kind: "config",
        rule: "valid-config",
        severity: "error",
        status: "new",
        file: CONFIG,
        line: 7,
        column: 9,
        reason: {},
        problem: 'cycles: must be one of error, warn, off; got "fatal"',
      },
    ]);
    expect(loaded.notices.join("\n")).not.toContain("is invalid");
    expect(loaded.configChangedFile).toBe(CONFIG);
    expect(loaded.headConfig).toBeNull();
  });

  it("keeps a head config that parses, and has no finding", async () => {
    const head = BASE_TEXT.replace("disallow: [infra]", "allow: []");
    const loaded = await loadConfig({ base: reader({ [CONFIG]: BASE_TEXT }), head: reader({ [CONFIG]: head }) });
    expect(loaded.findings).toEqual([]);
    expect(loaded.headConfig?.rules).toEqual([expect.objectContaining({ from: "domain", allow: [] })]);
  });

  it("adds nothing when the PR leaves the config alone", async () => {
    const loaded = await loadConfig({ base: reader({ [CONFIG]: BASE_TEXT }), head: reader({ [CONFIG]: BASE_TEXT }) });
    expect(loaded).toMatchObject({ findings: [], headConfig: null, configChangedFile: null });
  });
});

describe("loadConfig: the PR's .dependency-cruiser.json", () => {
  it("is a finding when it does not pass dependency-cruiser's schema, on the file it names", async () => {
    const file = ".dependency-cruiser.json";
    const good = JSON.stringify({ forbidden: [{ name: "no-fs", severity: "error", from: {}, to: { path: "^fs$" } }] }, null, 2);
    const bad = good.replace('"error"', '"fatal"');
    const loaded = await loadConfig({ base: reader({ [file]: good }), head: reader({ [file]: bad }) });
    expect(loaded.findings).toEqual([expect.objectContaining({ kind: "config", severity: "error", file, problem: expect.stringContaining("fatal") })]);
    const fine = await loadConfig({ base: reader({ [file]: good }), head: reader({ [file]: good.replace("no-fs", "no-fs-at-all") }) });
    expect(fine.findings).toEqual([]);
  });
});
