import { describe, expect, it } from "@jest/globals";
import { GitHubTimeout, RetryBudgetSpent } from "../../../src/github/api/github-errors.js";
import { gatedFetch, type RequestBudget } from "../../../src/github/api/request-gate.js";

const budget = (overrides: Partial<RequestBudget> = {}): RequestBudget => ({
  what: "listing the pull request's files",
  maxAttempts: 2,
  budgetMs: 10_000,
  deadline: Date.now() + 10_000,
  timeoutMs: 50,
  streamBody: false,
  attempts: 0,
  retriesLeft: 3,
  ...overrides,
});

const never = (() => new Promise<Response>(() => undefined)) as typeof fetch;
const answer = (response: () => Response) => (async () => response()) as typeof fetch;

describe("gatedFetch", () => {
  it("counts attempts and refuses one past the budget, stopping plugin-retry", async () => {
    const b = budget();
    const f = gatedFetch(b, answer(() => new Response("[]", { status: 500 })));
    await f("https://api.github.com/x");
    await f("https://api.github.com/x");
    await expect(f("https://api.github.com/x")).rejects.toBeInstanceOf(RetryBudgetSpent);
    expect([b.attempts, b.retriesLeft]).toEqual([2, 0]);
  });

  it("refuses to start an attempt after the deadline", async () => {
    const b = budget({ deadline: Date.now() - 1 });
    await expect(gatedFetch(b, answer(() => new Response("[]")))("https://api.github.com/x")).rejects.toBeInstanceOf(RetryBudgetSpent);
    expect(b.attempts).toBe(0);
  });

  it("starts the budget's clock when the first attempt leaves Octokit's queues, and does not count later waits in them", async () => {
    const b = budget({ deadline: undefined, budgetMs: 1_000, maxAttempts: 3, queuedAt: Date.now() - 60_000 });
    const f = gatedFetch(b, answer(() => new Response("[]", { status: 500 })));
    // A minute in the write queue before the first attempt: the attempt still goes out.
    await f("https://api.github.com/x");
    const first = b.deadline as number;
    expect(first).toBeGreaterThan(Date.now());
    // Handed back to the queue and kept there a minute: the deadline moves on by that minute.
    b.queuedAt = Date.now() - 60_000;
    await f("https://api.github.com/x");
    expect(b.deadline as number).toBeGreaterThanOrEqual(first + 60_000);
    expect(b.attempts).toBe(2);
  });

  it("times out an attempt that gets no answer, even from a fetch that ignores its signal", async () => {
    const started = Date.now();
    const error = await gatedFetch(budget(), never)("https://api.github.com/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubTimeout);
    expect((error as GitHubTimeout).message).toBe("GitHub sent no complete answer within 0.05 s (listing the pull request's files)");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("times out a body that stops half-way: read here for API answers, while streaming for downloads", async () => {
    const stalled = () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("[")) }), { status: 200 });
    await expect(gatedFetch(budget(), answer(stalled))("https://api.github.com/x")).rejects.toBeInstanceOf(GitHubTimeout);
    const response = await gatedFetch(budget({ streamBody: true }), answer(stalled))("https://api.github.com/tarball/x");
    const reader = response.body!.getReader();
    expect((await reader.read()).value).toEqual(new TextEncoder().encode("["));
    await expect(reader.read()).rejects.toBeInstanceOf(GitHubTimeout);
  });

  it("hands plugin-retry no retries for a 429 (the retry-after is waited for in resilience.ts)", async () => {
    const b = budget();
    const response = await gatedFetch(b, answer(() => new Response("{}", { status: 429, headers: { "retry-after": "3" } })))("https://api.github.com/x");
    expect([response.status, response.headers.get("retry-after"), b.retriesLeft]).toEqual([429, "3", 0]);
  });
});
