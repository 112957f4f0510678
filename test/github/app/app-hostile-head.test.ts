// A pull request cannot pass by breaking its own review: what the head adds and makes the review
// impossible (a link out of the tree, a special file, a self-extending tsconfig, too many files)
// fails the check, naming it; the same thing already at the base stays a neutral check, since the
// pull request did not bring it. Through the real app: probot.receive, nock, git-made tarballs.
import { symlink } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "@jest/globals";
import { createTestApp, installationToken, pullRequestPayload, serveTarball, tarballOf } from "../app-harness.js";
import { mockCheckCreate, mockCheckUpdates, mockComments, mockCompare, mockReviewInputs, recorder, useGitHubMock, useLayeredRepo } from "../github-mock.js";
import { tar, ustar } from "../ustar.js";

useGitHubMock();
const fixture = useLayeredRepo();

interface Completed {
  conclusion: string;
  output: { title: string; summary: string; annotations?: unknown[] };
}

/** Reviews base -> head from their git tarballs; the completed check and the comment posted. */
async function review(base: string, head: string): Promise<{ check: Completed; comment: string }> {
  const app = createTestApp();
  const rec = recorder();
  installationToken();
  mockReviewInputs(rec, { checkId: 31, number: 1, base: [base, tarballOf(fixture.repo.dir, base)], head: [head, tarballOf(fixture.repo.dir, head)] });
  mockCheckUpdates(rec, 31);
  mockComments(rec, 1, null, "create");
  await app.receive("pull_request", pullRequestPayload("opened", { base, head }));
  expect(rec.checkUpdates).toHaveLength(1);
  return { check: rec.checkUpdates[0] as unknown as Completed, comment: String(rec.commentCreates[0]?.body) };
}

/** A review whose head tarball is refused: nothing after the download is asked of GitHub. */
async function refusedHead(head: string, headTarball: Buffer): Promise<{ check: Completed; comment: string }> {
  const app = createTestApp();
  const rec = recorder();
  installationToken();
  mockCheckCreate(rec, 33);
  mockCompare(fixture.base, head);
  serveTarball(fixture.base, tarballOf(fixture.repo.dir, fixture.base));
  serveTarball(head, headTarball);
  mockCheckUpdates(rec, 33);
  mockComments(rec, 1, null, "create");
  await app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head }));
  expect(rec.checkUpdates).toHaveLength(1);
  return { check: rec.checkUpdates[0] as unknown as Completed, comment: String(rec.commentCreates[0]?.body) };
}

async function addLink(file: string, target: string): Promise<void> {
  await symlink(target, path.join(fixture.repo.dir, file));
}

const SELF_EXTENDING = JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { baseUrl: ".", paths: { "@domain/*": ["src/domain/*"] } } });

describe("a hostile head fails its check", () => {
  it("a symlink to /etc/passwd added by the PR: failure naming the path and the target", async () => {
    await addLink("src/passwd.ts", "/etc/passwd");
    const head = await fixture.repo.commit("link out");
    const { check, comment } = await refusedHead(head, tarballOf(fixture.repo.dir, head));
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("This pull request adds a link that points outside the repository");
    expect(check.output.summary).toContain("This pull request adds `src/passwd.ts`: a symbolic link to `/etc/passwd`, outside the repository.");
    expect(comment).toContain("This pull request adds `src/passwd.ts`");
  });

  it("the same link already at the base: neutral, the snapshot rejected as before (not the PR's doing)", async () => {
    await addLink("src/passwd.ts", "/etc/passwd");
    const linked = await fixture.repo.commit("link at base");
    await fixture.repo.write("src/domain/money.ts", "export type Money = number;\n");
    const head = await fixture.repo.commit("harmless change");
    // The base is refused first: the head is never downloaded.
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    mockCheckCreate(rec, 32);
    mockCompare(linked, head);
    serveTarball(linked, tarballOf(fixture.repo.dir, linked));
    mockCheckUpdates(rec, 32);
    mockComments(rec, 1, null, "create");
    await app.receive("pull_request", pullRequestPayload("opened", { base: linked, head }));
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: "Repository snapshot rejected" }) })]);
  });

  it("a device entry in the head archive: failure naming it, its name made inert for markdown", async () => {
    const { check } = await refusedHead("d".repeat(40), gzipSync(tar(ustar("top/ok.ts", { data: "export {};\n" }), ustar("top/x`</summary>\n# tty", { type: "3" }))));
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("This pull request adds a special file");
    // The backtick cannot close the code span, the newline cannot start a heading.
    expect(check.output.summary).toContain("This pull request adds ``x`</summary>\uFFFD# tty``: a CharacterDevice entry");
  });

  it("a tsconfig that extends itself: failure naming tsconfig.json, not an internal error", async () => {
    await fixture.repo.write("tsconfig.json", SELF_EXTENDING);
    const head = await fixture.repo.commit("self-extending tsconfig");
    const { check, comment } = await review(fixture.base, head);
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("Circular tsconfig extends");
    expect(check.output.summary).toContain("This change makes `tsconfig.json` unusable: its `extends` chain comes back to a file it already extended (`tsconfig.json`).");
    expect(check.output.summary).not.toMatch(/internal error|call stack/i);
    expect(comment).toContain("Circular tsconfig extends");
  });

  it("a -> b -> a across two files of the head: failure naming both", async () => {
    await fixture.repo.write("tsconfig.json", JSON.stringify({ extends: "./tsconfig.base.json", compilerOptions: { baseUrl: "." } }));
    await fixture.repo.write("tsconfig.base.json", JSON.stringify({ extends: "./tsconfig.json" }));
    const head = await fixture.repo.commit("a -> b -> a");
    const { check } = await review(fixture.base, head);
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("(`tsconfig.json`, `tsconfig.base.json`)");
  });
});

describe("the same at the base stays neutral", () => {
  it("a base tsconfig that extends itself: a neutral configuration error naming it", async () => {
    await fixture.repo.write("tsconfig.json", SELF_EXTENDING);
    const broken = await fixture.repo.commit("self-extending tsconfig at base");
    await fixture.repo.write("src/domain/money.ts", "export type Money = number;\n");
    const head = await fixture.repo.commit("harmless change");
    const { check } = await review(broken, head);
    expect(check.conclusion).toBe("neutral");
    expect(check.output.title).toBe("Invalid tsconfig at the base");
    expect(check.output.summary).toContain("tsconfig.json extends itself");
  });
});
