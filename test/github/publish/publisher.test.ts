import { describe, it, expect } from "@jest/globals";
import nock from "nock";
import type { CheckAnnotation, CheckRunOutput } from "../../../src/report/check-run.js";
import { CHECK_NAME, Publisher } from "../../../src/github/publish/publisher.js";
import { expectValidRequestBody } from "../openapi.js";
import { useNockScope } from "../../helpers/nock-scope.js";
import { PlainOctokit as Octokit } from "../../helpers/plain-octokit.js";

const NOW = new Date("2024-05-01T12:00:00.000Z");
const CHECK_RUNS = "/repos/{owner}/{repo}/check-runs";
const CHECK_RUN = "/repos/{owner}/{repo}/check-runs/{check_run_id}";

function publisher(): Publisher {
  return new Publisher(new Octokit({ auth: { token: "test" } }), { owner: "acme", repo: "shop" }, { now: () => NOW });
}

function annotations(count: number): CheckAnnotation[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `src/domain/m-${i}.ts`,
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: i % 2 === 0 ? "failure" : "warning",
    title: "domain-not-to-infrastructure",
    message: `src/domain/m-${i}.ts imports src/infrastructure/db.ts: domain must not import infrastructure.`,
  }));
}

function output(count: number): CheckRunOutput {
  return { conclusion: "failure", title: "2 new errors", summary: "### ❌ archreview: 2 new errors", text: "details", annotations: annotations(count) };
}

/** Records every PATCH of check run 42; each answers 200 like GitHub. */
function recordUpdates(times: number): Record<string, any>[] {
  const bodies: Record<string, any>[] = [];
  nock("https://api.github.com")
    .patch("/repos/acme/shop/check-runs/42")
    .times(times)
    .reply(200, (_uri, body) => {
      bodies.push(body as Record<string, any>);
      return { id: 42 };
    });
  return bodies;
}

useNockScope();

describe("Publisher.startCheck", () => {
  it("creates the archreview check run in progress on the head commit", async () => {
    let body: any;
    nock("https://api.github.com")
      .post("/repos/acme/shop/check-runs")
      .reply(201, (_uri, b) => {
        body = b;
        return { id: 42 };
      });
    const id = await publisher().startCheck("def5678abc1234def5678abc1234def5678abc12", { externalId: "pr-7", detailsUrl: "https://archreview.example/runs/1" });
    expect(id).toBe(42);
    expect(body).toEqual({
      name: CHECK_NAME,
      head_sha: "def5678abc1234def5678abc1234def5678abc12",
      status: "in_progress",
      started_at: "2024-05-01T12:00:00.000Z",
      external_id: "pr-7",
      details_url: "https://archreview.example/runs/1",
    });
    expectValidRequestBody("POST", CHECK_RUNS, body);
  });
});

describe("Publisher.finishCheck", () => {
  it("sends 120 annotations in 3 updates and completes the run with the last", async () => {
    const bodies = recordUpdates(3);
    await publisher().finishCheck(42, output(120));
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expectValidRequestBody("PATCH", CHECK_RUN, body);
    const [first, second, last] = bodies;
    for (const body of [first, second]) {
      expect(body?.status ?? "in_progress").toBe("in_progress");
      expect(body?.conclusion).toBeUndefined();
      expect(body?.output.annotations).toHaveLength(50);
      expect(body?.output).toMatchObject({ title: "2 new errors", summary: "### ❌ archreview: 2 new errors", text: "details" });
    }
    expect(last).toMatchObject({ status: "completed", conclusion: "failure", completed_at: "2024-05-01T12:00:00.000Z" });
    expect(last?.output.annotations).toHaveLength(20);
    const sent = bodies.flatMap((b) => b.output.annotations.map((a: CheckAnnotation) => a.path));
    expect(sent).toEqual(annotations(120).map((a) => a.path));
  });

  it("completes the run in one request when there are no annotations", async () => {
    const bodies = recordUpdates(1);
    await publisher().finishCheck(42, { conclusion: "success", title: "No new architecture problems", summary: "All clear", annotations: [] });
    expect(bodies).toEqual([
      {
        status: "completed",
        conclusion: "success",
        completed_at: "2024-05-01T12:00:00.000Z",
        output: { title: "No new architecture problems", summary: "All clear" },
      },
    ]);
    expectValidRequestBody("PATCH", CHECK_RUN, bodies[0]);
  });

  it("cuts an oversized output to GitHub's limits", async () => {
    const bodies = recordUpdates(1);
    const huge = { ...output(1), title: "t".repeat(2_000), summary: "s".repeat(70_000), text: "x".repeat(70_000) };
    huge.annotations = [{ ...annotations(1)[0]!, title: "a".repeat(300) }];
    await publisher().finishCheck(42, huge);
    const sent = bodies[0]!.output;
    expect(sent.summary.length).toBe(65_535);
    expect(sent.text.length).toBe(65_535);
    expect(sent.title.length).toBeLessThanOrEqual(1_000);
    expect(sent.annotations[0].title.length).toBeLessThanOrEqual(255);
    expectValidRequestBody("PATCH", CHECK_RUN, bodies[0]);
  });
});

describe("expectValidRequestBody", () => {
  const valid = {
    status: "completed",
    conclusion: "success",
    completed_at: "2024-05-01T12:00:00Z",
    output: { title: "ok", summary: "ok", annotations: annotations(1) },
  };

  it("accepts a valid check run update", () => {
    expect(() => expectValidRequestBody("PATCH", CHECK_RUN, valid)).not.toThrow();
  });

  it("rejects an unknown conclusion and an annotation without a path", () => {
    const { path: _path, ...noPath } = annotations(1)[0]!;
    const bogus = { ...valid, conclusion: "bogus", output: { ...valid.output, annotations: [noPath] } };
    expect(() => expectValidRequestBody("PATCH", CHECK_RUN, bogus)).toThrow(/\/conclusion must be equal to one of the allowed values/);
    expect(() => expectValidRequestBody("PATCH", CHECK_RUN, bogus)).toThrow(/\/output\/annotations\/0 must have required property 'path'/);
  });

  it("rejects more than 50 annotations, a completed run without conclusion and misspelled fields", () => {
    expect(() => expectValidRequestBody("PATCH", CHECK_RUN, { output: { title: "t", summary: "s", annotations: annotations(51) } })).toThrow(/must NOT have more than 50 items/);
    expect(() => expectValidRequestBody("PATCH", CHECK_RUN, { status: "completed" })).toThrow(/must have required property 'conclusion'/);
    expect(() => expectValidRequestBody("POST", CHECK_RUNS, { name: "x", head_sha: "abc", startedAt: "2024-05-01T12:00:00Z" })).toThrow(
      /must NOT have additional properties.*startedAt/,
    );
    expect(() => expectValidRequestBody("PATCH", CHECK_RUN, { completed_at: "yesterday", conclusion: "success" })).toThrow(/completed_at must match format "date-time"/);
  });

  it("names an operation GitHub does not have", () => {
    expect(() => expectValidRequestBody("PUT", CHECK_RUNS, {})).toThrow(/no operation PUT/);
  });
});
