// A base config with an unsafe rule pattern or a YAML bomb ends the App's check neutral as an
// invalid configuration naming the rule, never as an internal error (issue 16, Why 9).
import { describe, expect, it } from "@jest/globals";
import { createTestApp, installationToken, pullRequestPayload, tarballOf } from "../app-harness.js";
import { mockCheckUpdates, mockComments, mockReviewInputs, recorder, useGitHubMock, useLayeredRepo } from "../github-mock.js";

useGitHubMock();
const fixture = useLayeredRepo();

const BILLION_LAUGHS = `a: &a [x,x,x,x,x,x,x,x,x,x]\n${"bcdefgh".split("").map((c, i) => `${c}: &${c} [${Array(10).fill(`*${"abcdefg"[i]}`).join(",")}]`).join("\n")}\nignore: *h\n`;

async function reviewWithBaseConfig(config: string, checkId: number) {
  await fixture.repo.write(".github/archreview.yml", config);
  const base = await fixture.repo.commit("hostile config at base");
  await fixture.repo.write("src/domain/money.ts", "export type Money = number;\n");
  const head = await fixture.repo.commit("change");
  const app = createTestApp();
  const rec = recorder();
  installationToken();
  mockReviewInputs(rec, { checkId, number: 1, base: [base, tarballOf(fixture.repo.dir, base)], head: [head, tarballOf(fixture.repo.dir, head)] });
  mockCheckUpdates(rec, checkId);
  mockComments(rec, 1, null, "create");
  await app.receive("pull_request", pullRequestPayload("opened", { base, head }));
  return rec.checkUpdates[0] as { conclusion: string; output: { title: string; summary: string } };
}

describe("hostile base configs in the App", () => {
  it("names the forbidden rule whose pattern is unsafe", async () => {
    const done = await reviewWithBaseConfig('forbidden:\n  - name: no-foo\n    from: { path: "(a|aa)+$" }\n    to: {}\n', 11);
    expect(done.conclusion).toBe("neutral");
    expect(done.output.title).toBe("Invalid archreview configuration");
    expect(done.output.summary).toContain('forbidden[0].from.path: rule "no-foo": "(a|aa)+$" is an unsafe regular expression');
  });

  it("refuses a YAML bomb as an invalid configuration about aliases, not an internal error", async () => {
    const done = await reviewWithBaseConfig(BILLION_LAUGHS, 12);
    expect(done.conclusion).toBe("neutral");
    expect(done.output.title).toBe("Invalid archreview configuration");
    expect(done.output.summary).toMatch(/aliases expand to more than 100,000 values/);
    expect(done.output.summary.length).toBeLessThan(1000);
  });
});
