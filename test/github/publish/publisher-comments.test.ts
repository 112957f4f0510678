import { describe, it, expect } from "@jest/globals";
import nock from "nock";
import { Publisher } from "../../../src/github/publish/publisher.js";
import { MAX_COMMENT_CHARS } from "../../../src/github/publish/publisher-comments.js";
import { COMMENT_MARKER } from "../../../src/report/markdown.js";
import { expectValidRequestBody } from "../openapi.js";
import { useNockScope } from "../../helpers/nock-scope.js";
import { PlainOctokit as Octokit } from "../../helpers/plain-octokit.js";

const API = "https://api.github.com";
const LIST = "/repos/acme/shop/issues/7/comments";
const REPORT = `${COMMENT_MARKER}\n### ✅ archreview: no new architecture problems`;

const bot = { login: "archreview[bot]", type: "Bot" };
const human = { login: "octocat", type: "User" };
const comment = (id: number, body: string, user = human) => ({ id, body, user });

function publisher(botLogin?: string): Publisher {
  return new Publisher(new Octokit({ auth: { token: "test" } }), { owner: "acme", repo: "shop" }, botLogin ? { botLogin } : {});
}

/** Two pages of comments, linked the way GitHub paginates. */
function listComments(page1: object[], page2: object[]): void {
  nock(API)
    .get(LIST)
    .query({ per_page: "100" })
    .reply(200, page1, { Link: `<${API}${LIST}?per_page=100&page=2>; rel="next", <${API}${LIST}?per_page=100&page=2>; rel="last"` })
    .get(LIST)
    .query({ per_page: "100", page: "2" })
    .reply(200, page2, { Link: `<${API}${LIST}?per_page=100&page=1>; rel="prev", <${API}${LIST}?per_page=100&page=1>; rel="first"` });
}

useNockScope();

describe("Publisher.upsertComment", () => {
  it("creates the comment when no page has the marker", async () => {
    listComments([comment(1, "LGTM"), comment(2, "nice")], [comment(3, "one more thing")]);
    let body: unknown;
    nock(API)
      .post(LIST)
      .reply(201, (_uri, b) => {
        body = b;
        return { id: 99 };
      });
    await expect(publisher().upsertComment(7, REPORT)).resolves.toEqual({ action: "created", id: 99 });
    expect(body).toEqual({ body: REPORT });
    expectValidRequestBody("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", body);
  });

  it("updates the bot's comment in place, found on a later page", async () => {
    listComments([comment(1, "LGTM")], [comment(5, `${COMMENT_MARKER}\n### ❌ archreview: 1 new error`, bot)]);
    let body: unknown;
    nock(API)
      .patch("/repos/acme/shop/issues/comments/5")
      .reply(200, (_uri, b) => {
        body = b;
        return { id: 5 };
      });
    await expect(publisher().upsertComment(7, REPORT)).resolves.toEqual({ action: "updated", id: 5 });
    expect(body).toEqual({ body: REPORT });
    expectValidRequestBody("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", body);
  });

  it("writes nothing when the body is unchanged", async () => {
    listComments([comment(5, REPORT, bot)], []);
    // No POST or PATCH is mocked: with net connect disabled, any write would fail the call.
    await expect(publisher().upsertComment(7, REPORT)).resolves.toEqual({ action: "unchanged", id: 5 });
  });

  it("ignores a person's comment that starts with or quotes the marker", async () => {
    listComments([comment(1, REPORT), comment(2, `> ${REPORT}`)], [comment(3, `see ${COMMENT_MARKER}`, bot)]);
    nock(API).post(LIST).reply(201, { id: 100 });
    await expect(publisher().upsertComment(7, REPORT)).resolves.toEqual({ action: "created", id: 100 });
  });

  it("only takes over its own bot's comment when its login is known", async () => {
    listComments([comment(4, REPORT, { login: "other-app[bot]", type: "Bot" })], [comment(6, `${REPORT}\nold`, bot)]);
    nock(API).patch("/repos/acme/shop/issues/comments/6").reply(200, { id: 6 });
    await expect(publisher("archreview[bot]").upsertComment(7, REPORT)).resolves.toEqual({ action: "updated", id: 6 });
  });

  it("cuts a body over GitHub's limit, keeping the marker first", async () => {
    listComments([], []);
    let sent = "";
    nock(API)
      .post(LIST)
      .reply(201, (_uri, b) => {
        sent = (b as { body: string }).body;
        return { id: 101 };
      });
    await publisher().upsertComment(7, `${REPORT}\n${"x".repeat(70_000)}`);
    expect(sent.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(sent.startsWith(COMMENT_MARKER)).toBe(true);
    expect(sent).toContain("cut to fit");
  });

  it("refuses a body without the marker before calling GitHub", async () => {
    await expect(publisher().upsertComment(7, "### archreview")).rejects.toThrow(/must start with/);
  });
});

describe("Publisher.findComment", () => {
  it("returns the bot's report or null", async () => {
    listComments([comment(1, "LGTM")], [comment(8, REPORT, bot)]);
    await expect(publisher().findComment(7)).resolves.toEqual({ id: 8, body: REPORT });
    listComments([comment(1, REPORT)], []);
    await expect(publisher().findComment(7)).resolves.toBeNull();
  });
});
