import { describe, expect, it } from "@jest/globals";
import { COMMENT_MARKER } from "../../../src/report/markdown.js";
import { gzipSync } from "node:zlib";
import { createTestApp, installationToken, pullRequestPayload, serveTarball, tarballOf } from "../app-harness.js";
import { mockCheckCreate, mockCheckUpdates, mockComments, mockCompare, mockReviewInputs, recorder, useGitHubMock, useLayeredRepo } from "../github-mock.js";
import { tar, ustar } from "../ustar.js";

useGitHubMock();
const fixture = useLayeredRepo();

const VIOLATION = 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n';

describe("pull requests", () => {
  it("posts one comment and a failed check annotated on the import line; the next push edits that comment and fixes the check", async () => {
    await fixture.repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await fixture.repo.commit("domain imports infrastructure");
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 42, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 42);
    await app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head }));

    expect(rec.checkCreates).toEqual([expect.objectContaining({ name: "archreview", head_sha: head, status: "in_progress" })]);
    expect(rec.checkUpdates).toHaveLength(1);
    const done = rec.checkUpdates[0] as { conclusion: string; output: { annotations: Record<string, unknown>[] } };
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toEqual([
      expect.objectContaining({ path: "src/domain/shortcut.ts", start_line: 1, end_line: 1, annotation_level: "failure", title: "domain-not-to-infrastructure" }),
    ]);
    expect(rec.commentCreates).toHaveLength(1);
    const firstBody = String(rec.commentCreates[0]?.body);
    expect(firstBody.startsWith(COMMENT_MARKER)).toBe(true);
    expect(firstBody).toContain(`https://github.com/Codertocat/Hello-World/blob/${head}/src/domain/shortcut.ts#L1`);

    await fixture.repo.remove("src/domain/shortcut.ts");
    const fixed = await fixture.repo.commit("undo the shortcut");
    mockReviewInputs(rec, { checkId: 43, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [fixed, tarballOf(fixture.repo.dir, fixed)] });
    mockComments(rec, 1, { id: 9001, body: firstBody }, "update");
    mockCheckUpdates(rec, 43);
    await app.receive("pull_request", pullRequestPayload("synchronize", { base: fixture.base, head: fixed }));

    expect(rec.commentCreates).toHaveLength(1);
    expect(rec.commentUpdates).toHaveLength(1);
    expect(String(rec.commentUpdates[0]?.body)).toContain("no new architecture problems");
    expect(rec.checkUpdates[1]).toEqual(expect.objectContaining({ status: "completed", conclusion: "success" }));
  });

  it("sends 120 annotations as three check-run updates, the last one completing the run", async () => {
    for (let i = 0; i < 120; i++) await fixture.repo.write(`src/domain/generated/g${i}.ts`, VIOLATION.replace("../infrastructure", "../../infrastructure"));
    const head = await fixture.repo.commit("120 violations");
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 7, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 7, 3);
    await app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head }));

    const batches = rec.checkUpdates.map((u) => ((u.output as { annotations?: unknown[] }).annotations ?? []).length);
    expect(batches).toEqual([50, 50, 20]);
    expect(rec.checkUpdates.map((u) => u.status ?? null)).toEqual([null, null, "completed"]);
  });

  it("reviews a fork PR, fetching the head from the fixture.base repository", async () => {
    await fixture.repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await fixture.repo.commit("from a fork");
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 5, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 5);
    await app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head }, { fork: true }));
    expect(rec.checkUpdates[0]).toEqual(expect.objectContaining({ conclusion: "failure" }));
  });

  it("ends a malformed config in a neutral check and a comment naming the file and the problem", async () => {
    await fixture.repo.write(".github/archreview.yml", "boundaries:\n  domain: [\"src/domain/**\"\n");
    const broken = await fixture.repo.commit("broken config at fixture.base");
    await fixture.repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await fixture.repo.commit("change");
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 9, number: 1, base: [broken, tarballOf(fixture.repo.dir, broken)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockCheckUpdates(rec, 9);
    mockComments(rec, 1, null, "create");
    await app.receive("pull_request", pullRequestPayload("opened", { base: broken, head }));

    const done = rec.checkUpdates[0] as { conclusion: string; output: { title: string; summary: string } };
    expect(done.conclusion).toBe("neutral");
    expect(done.output.title).toBe("Invalid archreview configuration");
    expect(done.output.summary).toMatch(/\.github\/archreview\.yml:\d+/);
    expect(String(rec.commentCreates[0]?.body)).toMatch(/\.github\/archreview\.yml:\d+/);
  });

  it("posts no comment on a PR with nothing to say, and a successful check", async () => {
    await fixture.repo.write("src/domain/money.ts", "export type Money = number;\n");
    const head = await fixture.repo.commit("harmless");
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 3, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockComments(rec, 1, null, "none");
    mockCheckUpdates(rec, 3);
    await app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head }));
    expect(rec.commentCreates).toEqual([]);
    expect(rec.checkUpdates[0]).toEqual(expect.objectContaining({ conclusion: "success" }));
  });
});

describe("hostile snapshots", () => {
  // The head adds them (the base unpacked): the PR's check fails, naming the entry (app-hostile-head.test.ts has more).
  it.each([
    ["a ../ path", () => tar(ustar("top/ok.ts", { data: "export {};\n" }), ustar("top/../../evil.ts", { data: "x" })), "This pull request adds a path that cannot be unpacked safely", "`../../evil.ts`"],
    ["a symlink pointing outside", () => tar(ustar("top/ok.ts", { data: "export {};\n" }), ustar("top/link", { type: "2", linkname: "../../../etc/passwd" })), "This pull request adds a link that points outside the repository", "`link`: a symbolic link to `../../../etc/passwd`"],
  ])("rejects a head tarball with %s: failed check saying why, nothing reviewed", async (_name, build, title, named) => {
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    mockCheckCreate(rec, 21);
    mockCompare(fixture.base, "f".repeat(40));
    serveTarball(fixture.base, tarballOf(fixture.repo.dir, fixture.base));
    serveTarball("f".repeat(40), gzipSync(build()));
    mockCheckUpdates(rec, 21);
    mockComments(rec, 1, null, "create");
    await app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head: "f".repeat(40) }));
    const done = rec.checkUpdates[0] as { conclusion: string; output: { title: string; summary: string } };
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toBe(title);
    expect(done.output.summary).toContain(named);
  });
});
