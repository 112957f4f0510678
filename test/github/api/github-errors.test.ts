import { describe, expect, it } from "@jest/globals";
import { describeEndpoint, describeGitHubFailure, GitHubTimeout, isAmbiguous, isBadCredentials, rateLimitOf, recordAttempts, RetryBudgetSpent } from "../../../src/github/api/github-errors.js";

const answered = (status: number, message = "", headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, request: { method: "GET", url: "https://api.github.com/repos/o/r/pulls/1/files?per_page=100" }, response: { headers } });

describe("GitHub failures", () => {
  it("name the endpoint, from a route template or a URL (GitHub Enterprise included)", () => {
    expect(describeEndpoint("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}")).toBe("updating the check run");
    expect(describeEndpoint("GET", "https://ghe.example/api/v3/repos/o/r/issues/1/comments?page=2")).toBe("listing the pull request's comments");
    expect(describeEndpoint("GET", "/repos/{owner}/{repo}/tarball/{ref}")).toBe("downloading the repository snapshot");
    expect(describeEndpoint("DELETE", "/repos/o/r/labels/x")).toBe("DELETE /repos/o/r/labels/x");
    expect(describeEndpoint("GET", "/repos/{owner}/{repo}/compare/{basehead}")).toBe("comparing the pull request with its base");
    // The contents API reads a commit's changed files (with `ref`) and configuration (without).
    expect(describeEndpoint("GET", "/repos/{owner}/{repo}/contents/{path}?ref={ref}")).toBe("reading the changed files");
    expect(describeEndpoint("GET", "https://api.github.com/repos/o/r/contents/src%2Fa.ts?ref=abc")).toBe("reading the changed files");
    expect(describeEndpoint("GET", "/repos/o/.github/contents/.github%2Farchreview.yml")).toBe("reading a configuration file");
    expect(describeEndpoint("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}")).toBe("reading the changed files");
  });

  it("tell a rate limit from a refusal, with the wait GitHub asks for", () => {
    expect(rateLimitOf(answered(403, "You have exceeded a secondary rate limit", { "retry-after": "30" }))).toEqual({ waitSeconds: 30, kind: "secondary" });
    expect(rateLimitOf(answered(403, "You have exceeded a secondary rate limit"))).toEqual({ waitSeconds: 60, kind: "secondary" });
    expect(rateLimitOf(answered(429, "Too many requests"))).toEqual({ waitSeconds: 60, kind: "secondary" });
    expect(rateLimitOf(answered(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1010" }), 1_000_000)).toEqual({ waitSeconds: 11, kind: "primary" });
    expect(rateLimitOf(answered(403, "Resource not accessible by integration"))).toBeNull();
    expect(rateLimitOf(answered(500))).toBeNull();
  });

  it("count 5xx, timeouts and broken connections as ambiguous, a 4xx as a definite answer", () => {
    expect([500, 502, 504].map((s) => isAmbiguous(answered(s)))).toEqual([true, true, true]);
    expect(isAmbiguous(new TypeError("fetch failed"))).toBe(true);
    expect([403, 404, 422].map((s) => isAmbiguous(answered(s)))).toEqual([false, false, false]);
  });

  it("renew the installation token on a 401, but not for the app's own JWT endpoints", () => {
    expect(isBadCredentials(answered(401, "Bad credentials"), "/repos/{owner}/{repo}/pulls/{pull_number}/files")).toBe(true);
    expect(isBadCredentials(answered(401, "Bad credentials"), "/app/installations/{installation_id}/access_tokens")).toBe(false);
    expect(isBadCredentials(answered(404), "/repos/o/r")).toBe(false);
  });

  it("word the check run's reason with the status, the endpoint and the attempts", () => {
    const error = answered(502, "Bad Gateway");
    recordAttempts(error, 4, "listing the pull request's files");
    expect(describeGitHubFailure(error)).toEqual({
      title: "GitHub answered 502 on listing the pull request's files",
      explanation: "GitHub answered 502 while archreview was listing the pull request's files (4 attempts). Re-run the check to try again.",
    });
    expect(describeGitHubFailure(new GitHubTimeout(30_000, "downloading the repository snapshot"))?.title).toBe("GitHub did not answer in time on downloading the repository snapshot");
    expect(describeGitHubFailure(new Error("boom"))).toBeNull();
  });
});

describe("a request refused by its spent budget", () => {
  it("is reported as GitHub failing repeatedly, not as the status @octokit/request gives the refusal", () => {
    const refusal = Object.assign(new Error("archreview's retry budget for listing the pull request's files is spent"), { status: 500, cause: new RetryBudgetSpent("listing the pull request's files", 4) });
    expect(describeGitHubFailure(refusal)?.title).toBe("GitHub kept failing on listing the pull request's files");
  });
});
